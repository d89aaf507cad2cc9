package dev.portguard.httpclient5.internal;

import dev.portguard.core.spi.ClientPool;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;

import java.util.Set;

/**
 * A counted manager whose pool is still the user's to size and watch: Micrometer's pool binder, Apache's
 * observation module and {@code HttpClientBuilder}'s idle-connection evictor all look for {@link ConnPoolControl}.
 */
public final class GuardedPoolingConnectionManager extends GuardedConnectionManager
        implements ConnPoolControl<HttpRoute> {
    private final ConnPoolControl<HttpRoute> control;

    public <M extends HttpClientConnectionManager & ConnPoolControl<HttpRoute>> GuardedPoolingConnectionManager(
            M delegate, ClientPool pool) {
        super(delegate, pool);
        this.control = delegate;
    }

    @Override
    public void setMaxTotal(int max) {
        control.setMaxTotal(max);
    }

    @Override
    public int getMaxTotal() {
        return control.getMaxTotal();
    }

    @Override
    public void setDefaultMaxPerRoute(int max) {
        control.setDefaultMaxPerRoute(max);
    }

    @Override
    public int getDefaultMaxPerRoute() {
        return control.getDefaultMaxPerRoute();
    }

    @Override
    public void setMaxPerRoute(HttpRoute route, int max) {
        control.setMaxPerRoute(route, max);
    }

    @Override
    public int getMaxPerRoute(HttpRoute route) {
        return control.getMaxPerRoute(route);
    }

    @Override
    public void closeIdle(TimeValue idleTime) {
        control.closeIdle(idleTime);
    }

    @Override
    public void closeExpired() {
        control.closeExpired();
    }

    @Override
    public Set<HttpRoute> getRoutes() {
        return control.getRoutes();
    }

    @Override
    public PoolStats getTotalStats() {
        return control.getTotalStats();
    }

    @Override
    public PoolStats getStats(HttpRoute route) {
        return control.getStats(route);
    }
}
