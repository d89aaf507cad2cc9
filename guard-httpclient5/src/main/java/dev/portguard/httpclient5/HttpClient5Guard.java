package dev.portguard.httpclient5;

import dev.portguard.core.GuardMode;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.httpclient5.internal.ApacheKinds;
import dev.portguard.httpclient5.internal.ApachePools;
import dev.portguard.httpclient5.internal.GuardedAsyncConnectionManager;
import dev.portguard.httpclient5.internal.GuardedConnectionManager;
import dev.portguard.httpclient5.internal.GuardedPoolingAsyncConnectionManager;
import dev.portguard.httpclient5.internal.GuardedPoolingConnectionManager;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.nio.AsyncClientConnectionManager;
import org.apache.hc.core5.pool.ConnPoolControl;

import java.util.Objects;

/**
 * Feeds Apache HttpClient 5 clients to the guard: every request, and every connection opened or reused, counted
 * per destination and per connection manager.
 *
 * <pre>{@code
 * CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom()
 *         .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(50).build()))
 *     .build();
 * }</pre>
 *
 * The guard counts at the connection manager: instrument a builder after giving it its manager, or guard the
 * manager yourself. Call it where the manager is created, once per manager: the guard names that line as the
 * site of its findings. A manager already guarded is returned as it is. When the guard's mode is {@code off},
 * nothing is wrapped.
 */
public final class HttpClient5Guard {
    private HttpClient5Guard() {
    }

    /** {@link #instrument(HttpClientBuilder, PortGuard)} with the process-wide guard. */
    public static HttpClientBuilder instrument(HttpClientBuilder builder) {
        return instrument(builder, PortGuard.global());
    }

    /**
     * Guards the builder's connection manager. A builder without one gets the pooling manager its {@code build()}
     * would have made, {@code PoolingHttpClientConnectionManagerBuilder.create().build()}; to configure the pool
     * (sizes, TLS, system properties), set your manager on the builder first.
     *
     * @return {@code builder}
     */
    public static HttpClientBuilder instrument(HttpClientBuilder builder, PortGuard guard) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(guard, "guard");
        HttpClientConnectionManager manager = builder.getConnManager();
        if (manager == null) {
            manager = PoolingHttpClientConnectionManagerBuilder.create().build();
        }
        return builder.setConnectionManager(guard(manager, guard));
    }

    /** {@link #instrument(HttpAsyncClientBuilder, PortGuard)} with the process-wide guard. */
    public static HttpAsyncClientBuilder instrument(HttpAsyncClientBuilder builder) {
        return instrument(builder, PortGuard.global());
    }

    /**
     * Guards the async builder's connection manager. A builder without one gets the pooling manager its
     * {@code build()} would have made, {@code PoolingAsyncClientConnectionManagerBuilder.create().build()}; to
     * configure the pool, set your manager on the builder first.
     *
     * @return {@code builder}
     */
    public static HttpAsyncClientBuilder instrument(HttpAsyncClientBuilder builder, PortGuard guard) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(guard, "guard");
        AsyncClientConnectionManager manager = builder.getConnManager();
        if (manager == null) {
            manager = PoolingAsyncClientConnectionManagerBuilder.create().build();
        }
        return builder.setConnectionManager(guard(manager, guard));
    }

    /** {@link #guard(HttpClientConnectionManager, PortGuard)} with the process-wide guard. */
    public static HttpClientConnectionManager guard(HttpClientConnectionManager manager) {
        return guard(manager, PortGuard.global());
    }

    /**
     * The manager, counted. When {@code manager} is a pool ({@link PoolingHttpClientConnectionManager} or any
     * {@link ConnPoolControl}), so is the result: cast it to {@code ConnPoolControl<HttpRoute>} to size or watch
     * the pool, or bind Micrometer's pool metrics to it. {@link #unwrap(HttpClientConnectionManager)} gives your
     * manager back. Pool sizes are read now: size the pool before guarding it.
     */
    public static HttpClientConnectionManager guard(HttpClientConnectionManager manager, PortGuard guard) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(guard, "guard");
        if (manager instanceof GuardedConnectionManager || guard.config().mode() == GuardMode.OFF) {
            return manager;
        }
        ClientPool pool = guard.integration().newPool(ApacheKinds.CLASSIC, ApachePools.settings(manager));
        if (manager instanceof ConnPoolControl) {
            return poolOf(manager, pool);
        }
        return new GuardedConnectionManager(manager, pool);
    }

    /** {@link #guard(AsyncClientConnectionManager, PortGuard)} with the process-wide guard. */
    public static AsyncClientConnectionManager guard(AsyncClientConnectionManager manager) {
        return guard(manager, PortGuard.global());
    }

    /**
     * The async manager, counted. When {@code manager} is a pool ({@link PoolingAsyncClientConnectionManager} or
     * any {@link ConnPoolControl}), so is the result. Pool sizes are read now: size the pool before guarding it.
     */
    public static AsyncClientConnectionManager guard(AsyncClientConnectionManager manager, PortGuard guard) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(guard, "guard");
        if (manager instanceof GuardedAsyncConnectionManager || guard.config().mode() == GuardMode.OFF) {
            return manager;
        }
        ClientPool pool = guard.integration().newPool(ApacheKinds.ASYNC, ApachePools.settings(manager));
        if (manager instanceof ConnPoolControl) {
            return asyncPoolOf(manager, pool);
        }
        return new GuardedAsyncConnectionManager(manager, pool);
    }

    /** The manager that {@code manager} counts for, or {@code manager} itself when it is not guarded. */
    public static HttpClientConnectionManager unwrap(HttpClientConnectionManager manager) {
        return manager instanceof GuardedConnectionManager ? ((GuardedConnectionManager) manager).delegate() : manager;
    }

    /** The async manager that {@code manager} counts for, or {@code manager} itself when it is not guarded. */
    public static AsyncClientConnectionManager unwrap(AsyncClientConnectionManager manager) {
        return manager instanceof GuardedAsyncConnectionManager
                ? ((GuardedAsyncConnectionManager) manager).delegate() : manager;
    }

    // The casts name what instanceof already checked: a manager that is also a pool control.
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static HttpClientConnectionManager poolOf(HttpClientConnectionManager manager, ClientPool pool) {
        return new GuardedPoolingConnectionManager((HttpClientConnectionManager & ConnPoolControl<HttpRoute>)
                (Object) manager, pool);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AsyncClientConnectionManager asyncPoolOf(AsyncClientConnectionManager manager, ClientPool pool) {
        return new GuardedPoolingAsyncConnectionManager((AsyncClientConnectionManager & ConnPoolControl<HttpRoute>)
                (Object) manager, pool);
    }
}
