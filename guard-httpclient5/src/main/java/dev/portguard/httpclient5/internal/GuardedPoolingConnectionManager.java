package dev.portguard.httpclient5.internal;

import dev.portguard.core.spi.ClientPool;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.pool.ConnPoolControl;

/**
 * A counted manager whose pool is still the user's to size and watch: Micrometer's pool binder, Apache's
 * observation module and {@code HttpClientBuilder}'s idle-connection evictor all look for {@link ConnPoolControl}.
 */
public final class GuardedPoolingConnectionManager extends GuardedConnectionManager
        implements PoolControlPassThrough {
    private final ConnPoolControl<HttpRoute> control;

    public <M extends HttpClientConnectionManager & ConnPoolControl<HttpRoute>> GuardedPoolingConnectionManager(
            M delegate, ClientPool pool) {
        super(delegate, pool);
        this.control = delegate;
    }

    @Override
    public ConnPoolControl<HttpRoute> poolControl() {
        return control;
    }
}
