package dev.portguard.httpclient5.internal;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;

import java.util.Set;

/**
 * Hands every pool-control call to the user's own pool, unchanged, so sizing and statistics keep working through
 * a guarded manager (classic or async alike).
 */
interface PoolControlPassThrough extends ConnPoolControl<HttpRoute> {
    /** The user's pool. */
    ConnPoolControl<HttpRoute> poolControl();

    @Override
    default void setMaxTotal(int max) {
        poolControl().setMaxTotal(max);
    }

    @Override
    default int getMaxTotal() {
        return poolControl().getMaxTotal();
    }

    @Override
    default void setDefaultMaxPerRoute(int max) {
        poolControl().setDefaultMaxPerRoute(max);
    }

    @Override
    default int getDefaultMaxPerRoute() {
        return poolControl().getDefaultMaxPerRoute();
    }

    @Override
    default void setMaxPerRoute(HttpRoute route, int max) {
        poolControl().setMaxPerRoute(route, max);
    }

    @Override
    default int getMaxPerRoute(HttpRoute route) {
        return poolControl().getMaxPerRoute(route);
    }

    @Override
    default void closeIdle(TimeValue idleTime) {
        poolControl().closeIdle(idleTime);
    }

    @Override
    default void closeExpired() {
        poolControl().closeExpired();
    }

    @Override
    default Set<HttpRoute> getRoutes() {
        return poolControl().getRoutes();
    }

    @Override
    default PoolStats getTotalStats() {
        return poolControl().getTotalStats();
    }

    @Override
    default PoolStats getStats(HttpRoute route) {
        return poolControl().getStats(route);
    }
}
