package dev.portguard.httpclient5.internal;

import dev.portguard.core.spi.PoolSettings;
import org.apache.hc.core5.pool.ConnPoolControl;

/** What an Apache pool was configured to keep, read once when it is guarded. */
public final class ApachePools {
    private ApachePools() {
    }

    /**
     * Apache's pool never closes a connection for being idle while it has room: it keeps every connection it may
     * hold, up to {@code maxPerRoute} per destination and {@code maxTotal} in all. So the idle connections it keeps
     * are as many as it may hold at all. A manager that is no pool (or hides it) tells nothing.
     */
    public static PoolSettings settings(Object manager) {
        if (!(manager instanceof ConnPoolControl)) {
            return PoolSettings.UNKNOWN_SETTINGS;
        }
        try {
            ConnPoolControl<?> control = (ConnPoolControl<?>) manager;
            return ofLimits(control.getDefaultMaxPerRoute(), control.getMaxTotal());
        } catch (RuntimeException e) {
            return PoolSettings.UNKNOWN_SETTINGS;
        }
    }

    /**
     * The settings of a pool of {@code maxPerRoute} connections per destination and {@code maxTotal} in all, any
     * Apache generation (4.5 has the same pool). Links no HttpClient 5 class, so HttpClient 4 code may call it.
     */
    public static PoolSettings ofLimits(int maxPerRoute, int maxTotal) {
        return new PoolSettings(Math.min(maxPerRoute, maxTotal), maxPerRoute, maxTotal, null);
    }
}
