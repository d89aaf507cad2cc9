package dev.portguard.core.spi;

import java.time.Duration;

/**
 * What a client pool was configured to keep, as far as the integration can tell. {@link #UNKNOWN} (-1) for a
 * number it cannot read; detectors that need a number skip pools that do not give it.
 *
 * @param maxIdle           idle connections the pool keeps (OkHttp {@code maxIdleConnections}); 0 keeps none
 * @param maxPerDestination connections allowed per destination (Apache {@code maxPerRoute})
 * @param maxTotal          connections allowed in all
 * @param keepAlive         how long an idle connection is kept, or {@code null} when unknown
 */
public record PoolSettings(int maxIdle, int maxPerDestination, int maxTotal, Duration keepAlive) {
    public static final int UNKNOWN = -1;

    /** Nothing known about the pool. */
    public static final PoolSettings UNKNOWN_SETTINGS = new PoolSettings(UNKNOWN, UNKNOWN, UNKNOWN, null);

    public PoolSettings {
        maxIdle = Math.max(UNKNOWN, maxIdle);
        maxPerDestination = Math.max(UNKNOWN, maxPerDestination);
        maxTotal = Math.max(UNKNOWN, maxTotal);
    }

    /** A pool that keeps up to {@code maxIdle} idle connections for {@code keepAlive}. */
    public static PoolSettings ofIdle(int maxIdle, Duration keepAlive) {
        return new PoolSettings(maxIdle, UNKNOWN, UNKNOWN, keepAlive);
    }
}
