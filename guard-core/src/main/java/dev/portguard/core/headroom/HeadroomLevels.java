package dev.portguard.core.headroom;

import dev.portguard.core.GuardConfig;

/**
 * Where headroom turns low and critical, for the guard and the doctor alike: below {@code headroom.low} of the
 * usable ports it is low, below {@code protect.critical} (at least one port) it is critical.
 */
public final class HeadroomLevels {
    public static final String OK = "ok";
    public static final String LOW = "low";
    public static final String CRITICAL = "critical";
    /** No reading covered the destination's addresses. */
    public static final String UNKNOWN = "unknown";

    private HeadroomLevels() {
    }

    /** Headroom below this many ports is critical (protect mode refuses); at least 1. */
    public static int criticalPorts(GuardConfig config, int usablePorts) {
        return Math.max(1, (int) Math.ceil(config.protectCritical() * Math.max(0, usablePorts)));
    }

    /** Headroom below this many ports is low. */
    public static int lowPorts(GuardConfig config, int usablePorts) {
        return (int) Math.ceil(config.headroomLow() * Math.max(0, usablePorts));
    }

    /** {@link #OK}, {@link #LOW}, {@link #CRITICAL}, or {@link #UNKNOWN} for a headroom below 0. */
    public static String level(GuardConfig config, int headroom, int usablePorts) {
        return headroom < 0 ? UNKNOWN : headroom < criticalPorts(config, usablePorts) ? CRITICAL
                : headroom < lowPorts(config, usablePorts) ? LOW : OK;
    }
}
