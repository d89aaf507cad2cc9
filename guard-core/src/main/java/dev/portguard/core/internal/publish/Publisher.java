package dev.portguard.core.internal.publish;

import java.lang.System.Logger.Level;

/** What the detecting stages hand their results to. Nothing here blocks, and only strict mode throws. */
public interface Publisher {
    /**
     * Raises {@code finding} unless one of its type was raised about its subject already: books it, logs it, tells
     * the listeners, and in strict mode throws {@link dev.portguard.core.PoolMisuseException} for pool misuse.
     *
     * @return false when it was raised before (nothing happens then)
     */
    boolean raise(RaisedFinding finding);

    /**
     * Like {@link #raise}, but the log line and the listeners wait for {@link #exchangeEnded} of the finding's
     * subject (or {@link #announcePending}): a pool finding is raised as the request that shows it starts, and its
     * first line should count the connection that request opens. Strict mode does not wait: it fails that request.
     *
     * @return false when it was raised before (nothing happens then)
     */
    boolean raiseAtExchangeEnd(RaisedFinding finding);

    /** The exchange of a request that raised a finding about {@code subject} ended: announce what waits for it. */
    void exchangeEnded(Object subject);

    /** Announces every finding still waiting: a snapshot or a report shows them all. */
    void announcePending();

    /**
     * Announces the findings that have waited at least {@code nanos}: the probe's tick, for a request that never
     * gave its connection back. A younger one is left to its own exchange's end, so its first line still counts
     * the connection that raised it (and is said on the application's thread, as it would have been).
     */
    void announceWaitingLongerThan(long nanos);

    /** A line about the guard itself (probe state, a value it could not evaluate), logged at {@code level}. */
    void note(Level level, String line);
}
