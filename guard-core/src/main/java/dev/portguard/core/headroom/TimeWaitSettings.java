package dev.portguard.core.headroom;

/**
 * The kernel settings that decide how long a closed connection keeps its local port. A value of {@code -1} means
 * the setting could not be read (the reason is in {@link HostPorts#unknown()}).
 *
 * @param twReuse           {@code net.ipv4.tcp_tw_reuse}: 0 off, 1 on, 2 loopback only
 * @param twReuseDelayMs    {@code net.ipv4.tcp_tw_reuse_delay} (kernels 6.13+); -1 when absent (then 1000 ms)
 * @param timestamps        {@code net.ipv4.tcp_timestamps}; reuse needs it on
 * @param finTimeoutSeconds {@code net.ipv4.tcp_fin_timeout}: bounds orphaned FIN_WAIT_2 only, not TIME_WAIT
 * @param maxTwBuckets      {@code net.ipv4.tcp_max_tw_buckets}
 * @param timeWaitSeconds   how long TIME_WAIT lasts: 60 s, or {@code net.ipv4.tcp_tw_timeout} where a kernel has it
 */
public record TimeWaitSettings(int twReuse, int twReuseDelayMs, int timestamps, int finTimeoutSeconds,
                               long maxTwBuckets, int timeWaitSeconds) {
    /** TIME_WAIT lasts this long on mainline kernels, whatever tcp_fin_timeout says. */
    public static final int TIME_WAIT_SECONDS = 60;
    /** The reuse delay before kernels made it a setting. */
    public static final int DEFAULT_REUSE_DELAY_MS = 1000;

    /**
     * True when a new connect toward {@code loopback} (or not) may take over a TIME_WAIT port: reuse is on for that
     * kind of destination and timestamps are on.
     */
    public boolean reuseApplies(boolean loopback) {
        boolean on = twReuse == 1 || (twReuse == 2 && loopback);
        return on && timestamps > 0;
    }

    /**
     * Seconds a port stays unavailable after the client closes: the TIME_WAIT length, or the reuse delay when reuse
     * applies (then the sustainable rate is about ports / delay).
     */
    public double holdSeconds(boolean loopback) {
        if (reuseApplies(loopback)) {
            return (twReuseDelayMs > 0 ? twReuseDelayMs : DEFAULT_REUSE_DELAY_MS) / 1000.0;
        }
        return timeWaitSeconds > 0 ? timeWaitSeconds : TIME_WAIT_SECONDS;
    }
}
