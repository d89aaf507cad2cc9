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
            int perRoute = control.getDefaultMaxPerRoute();
            int total = control.getMaxTotal();
            return new PoolSettings(Math.min(perRoute, total), perRoute, total, null);
        } catch (RuntimeException e) {
            return PoolSettings.UNKNOWN_SETTINGS;
        }
    }
}
