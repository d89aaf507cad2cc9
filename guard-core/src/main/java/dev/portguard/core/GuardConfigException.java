package dev.portguard.core;

/** A configuration value that cannot be used; the message names the key, the value and what is accepted. */
public final class GuardConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public GuardConfigException(String key, String value, String accepted) {
        super("PortGuard configuration " + key + "='" + value + "' is not valid: expected " + accepted);
        this.key = key;
    }

    /** The key as the user wrote it, for example {@code portguard.min.requests}. */
    public String key() {
        return key;
    }
}
