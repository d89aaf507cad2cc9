package dev.portguard.core;

import java.util.Locale;

/** Whether the guard may refuse new connections to protect the host's local ports. */
public enum ProtectMode {
    /** Never refuse; only report. The default. */
    OFF,
    /**
     * Refuse a new connection with {@link PortBudgetExceededException} when the destination's port headroom is below
     * {@code protect.critical}; pooled connections go on being used.
     */
    ENFORCE;

    /** The value as written in configuration: {@code off} or {@code enforce}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
