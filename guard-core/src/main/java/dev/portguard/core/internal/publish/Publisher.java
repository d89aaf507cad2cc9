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

    /** A line about the guard itself (probe state, a value it could not evaluate), logged at {@code level}. */
    void note(Level level, String line);
}
