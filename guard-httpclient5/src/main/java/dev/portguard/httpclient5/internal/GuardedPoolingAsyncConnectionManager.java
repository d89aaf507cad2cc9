package dev.portguard.httpclient5.internal;

import dev.portguard.core.spi.ClientPool;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.nio.AsyncClientConnectionManager;
import org.apache.hc.core5.pool.ConnPoolControl;

/**
 * A counted async manager whose pool is still the user's to size and watch: Micrometer's pool binder, Apache's
 * observation module and {@code HttpAsyncClientBuilder}'s idle-connection evictor all look for {@link ConnPoolControl}.
 */
public final class GuardedPoolingAsyncConnectionManager extends GuardedAsyncConnectionManager
        implements PoolControlPassThrough {
    private final ConnPoolControl<HttpRoute> control;

    public <M extends AsyncClientConnectionManager & ConnPoolControl<HttpRoute>> GuardedPoolingAsyncConnectionManager(
            M delegate, ClientPool pool) {
        super(delegate, pool);
        this.control = delegate;
    }

    @Override
    public ConnPoolControl<HttpRoute> poolControl() {
        return control;
    }
}
