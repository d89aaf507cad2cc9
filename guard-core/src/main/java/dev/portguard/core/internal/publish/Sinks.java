package dev.portguard.core.internal.publish;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingListener;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.internal.sites.SiteOrigins;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where raised findings go: the book (for snapshots and reports), one log line, the listeners, and in strict mode
 * the exception that fails the request. Sinks never count; a listener's failure never reaches the application.
 */
public final class Sinks implements Publisher {
    private final GuardConfig config;
    private final SiteOrigins origins;
    private final FindingBook book = new FindingBook();
    private final CopyOnWriteArrayList<FindingListener> listeners = new CopyOnWriteArrayList<>();
    /** The guard's own stage that acts on findings (mitigate mode), told before the application's listeners. */
    private volatile FindingListener internal = f -> { };
    /** Raised, booked, not yet logged: each waits for its request's exchange to end (one per route at most). */
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();

    /** A finding waiting for its exchange's end, and since when. */
    private record Waiting(RaisedFinding raised, long sinceNanos) {
    }

    public Sinks(GuardConfig config, SiteOrigins origins) {
        this.config = config;
        this.origins = origins;
    }

    @Override
    public boolean raise(RaisedFinding raised) {
        if (!book.add(raised)) {
            return false;
        }
        announce(raised);
        return true;
    }

    @Override
    public boolean raiseAtExchangeEnd(RaisedFinding raised) {
        if (raised.poolMisuse() && config.mode() == GuardMode.STRICT) {
            return raise(raised); // fails the request now, with the line that says why
        }
        if (!book.add(raised)) {
            return false;
        }
        waiting.add(new Waiting(raised, System.nanoTime()));
        return true;
    }

    @Override
    public void exchangeEnded(Object subject) {
        for (Waiting w : waiting) {
            if (w.raised.subject() == subject && waiting.remove(w)) {
                announce(w.raised);
            }
        }
    }

    @Override
    public void announcePending() {
        Waiting w;
        while ((w = waiting.poll()) != null) {
            announce(w.raised);
        }
    }

    @Override
    public void announceWaitingLongerThan(long nanos) {
        long now = System.nanoTime();
        for (Waiting w : waiting) {
            if (now - w.sinceNanos >= nanos && waiting.remove(w)) {
                announce(w.raised);
            }
        }
    }

    /** The log line, the listeners, and in strict mode the exception. */
    private void announce(RaisedFinding raised) {
        Finding finding = origins.describe(raised.current());
        if (loggable(config.findingLevel())) {
            Log.logger().log(config.findingLevel(), "PortGuard " + finding.type() + " toward " + finding.destination()
                    + " at " + finding.site() + ": " + finding.message() + " Fix: " + finding.advice());
        }
        try {
            internal.onFinding(finding);
        } catch (RuntimeException e) {
            Log.logger().log(Level.WARNING, "PortGuard could not act on a finding (" + e + "); going on");
        }
        for (FindingListener listener : listeners) {
            try {
                listener.onFinding(finding);
            } catch (RuntimeException | LinkageError e) {
                Log.logger().log(Level.WARNING, "PortGuard finding listener " + listener.getClass().getName()
                        + " threw " + e + "; going on");
            }
        }
        if (raised.poolMisuse() && config.mode() == GuardMode.STRICT && finding.type().failsInStrictMode()) {
            throw new PoolMisuseException(finding);
        }
    }

    @Override
    public void note(Level level, String line) {
        if (loggable(level)) {
            Log.logger().log(level, line);
        }
    }

    /** {@code log.level} is how much PortGuard says; the logging backend may still drop what it lets through. */
    private boolean loggable(Level level) {
        Level threshold = config.logLevel();
        return threshold != Level.OFF && level.getSeverity() >= threshold.getSeverity()
                && Log.logger().isLoggable(level);
    }

    /** Set once by the guard: the stage told of every finding first. */
    public void addInternalListener(FindingListener listener) {
        internal = listener;
    }

    public void addListener(FindingListener listener) {
        listeners.add(listener);
    }

    public void removeListener(FindingListener listener) {
        listeners.remove(listener);
    }

    /** Every raised finding with its evidence as it stands. */
    public List<Finding> findings() {
        announcePending();
        List<Finding> findings = book.current();
        findings.replaceAll(origins::describe);
        return findings;
    }

    /** Forgets pool misuse, for a reset between tests. */
    public void reset() {
        book.forgetPoolMisuse();
    }
}
