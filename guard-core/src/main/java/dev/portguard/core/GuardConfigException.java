package dev.portguard.core;

import dev.portguard.core.internal.text.Quoted;

/**
 * A configuration value that cannot be used; the message names the key, the value (quoted, escaped and cut short,
 * so it is always one line) and what is accepted.
 */
public final class GuardConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public GuardConfigException(String key, String value, String accepted) {
        super("PortGuard configuration " + Quoted.bare(key, Quoted.DEFAULT_LIMIT) + "=" + Quoted.of(value)
                + " is not valid: expected " + accepted);
        this.key = key;
    }

    /** The key as the user wrote it, for example {@code portguard.min.requests}. */
    public String key() {
        return key;
    }
}
