package dev.portguard.okhttp;

import dev.portguard.core.PortGuard;
import dev.portguard.okhttp.internal.BuilderState;
import dev.portguard.okhttp.internal.GuardListenerFactory;
import dev.portguard.okhttp.internal.ReadProgress;
import dev.portguard.okhttp.internal.OkHttpKind;
import dev.portguard.okhttp.internal.PoolIndex;
import dev.portguard.okhttp.internal.SharedPools;
import dev.portguard.okhttp.internal.TrackingSocketFactory;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.Mitigation;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

import javax.net.SocketFactory;
import java.util.Objects;

/**
 * Feeds an OkHttp client's requests and connections to a {@link PortGuard}.
 *
 * <pre>{@code
 * OkHttpClient client = OkHttpGuard.instrument(new OkHttpClient.Builder()
 *         .callTimeout(Duration.ofSeconds(10)))
 *     .build();
 * }</pre>
 *
 * <p>A client's identity is its {@link ConnectionPool}: {@code client.newBuilder().build()} shares the pool (and
 * the guard's counts), which is the recommended way to derive per-call variants. Instrument a builder after
 * setting its connection pool. The user's own {@link EventListener} keeps receiving every event. Works with
 * OkHttp 4.12 and 5.x.
 *
 * <p>In {@code mitigate} mode, a builder from a site the guard found building a client per request is given the
 * site's one shared connection pool (and, when it has none of its own, one default TLS socket factory and shared
 * dispatcher threads), so its clients reuse each other's connections; every other setting stays as written.
 */
public final class OkHttpGuard {
    /** Shared by every instance: an OkHttp pool is one guard pool per guard, however often it is instrumented. */
    private static final PoolIndex POOLS = new PoolIndex();
    /** In mitigate mode, the one pool per site that clients built per request share. */
    private static final SharedPools SHARED = new SharedPools();

    private final PortGuard guard;

    private OkHttpGuard(PortGuard guard) {
        this.guard = guard;
    }

    /** Instrumentation that reports to {@code guard} rather than to {@link PortGuard#global()}. */
    public static OkHttpGuard using(PortGuard guard) {
        return new OkHttpGuard(Objects.requireNonNull(guard, "guard"));
    }

    /** Instruments {@code builder} for the global guard; see {@link #guard(OkHttpClient.Builder)}. */
    public static OkHttpClient.Builder instrument(OkHttpClient.Builder builder) {
        return using(PortGuard.global()).guard(builder);
    }

    /** Instruments {@code client} for the global guard; see {@link #guard(OkHttpClient)}. */
    public static OkHttpClient instrument(OkHttpClient client) {
        return using(PortGuard.global()).guard(client);
    }

    /**
     * Adds the guard's event listener (composed with the builder's own) and, when the builder uses the default
     * socket factory, a factory that reports connection closes. Returns the same builder. The code calling this is
     * recorded as the pool's creation site, so call it where the client is created.
     */
    public OkHttpClient.Builder guard(OkHttpClient.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        BuilderState current = BuilderState.read(builder);
        if (current == null) {
            current = BuilderState.of(builder.build()); // a client built from it holds the builder's own pool
        }
        EventListener.Factory userFactory = current.eventListenerFactory();
        if (userFactory instanceof GuardListenerFactory) {
            return builder; // already guarded: never count twice
        }
        // asked before this client's pool is counted: mitigate=all counts the clients built before it
        Mitigation mitigation = guard.integration().mitigation();
        boolean share = mitigation.active() && mitigation.shares(mitigation.siteOfCaller());
        ClientPool pool = POOLS.poolFor(current.connectionPool(), guard,
                cp -> guard.integration().newPool(OkHttpKind.KIND, OkHttpKind.settingsOf(cp)));
        ConnectionPool shared = share ? SHARED.share(builder, current.connectionPool(), pool, mitigation) : null;
        if (shared != null) {
            // the shared pool is counted as the first mitigated client's: it keeps naming the site, and the site's
            // count of clients built stays the code's own
            ClientPool first = pool;
            pool = POOLS.poolFor(shared, guard, cp -> first);
        }
        builder.eventListenerFactory(new GuardListenerFactory(pool, userFactory));
        builder.addNetworkInterceptor(new ReadProgress(pool)); // streams that keep reading are not leaks
        if (current.socketFactory() == SocketFactory.getDefault()) {
            builder.socketFactory(new TrackingSocketFactory());
        }
        return builder;
    }

    /**
     * A client that shares {@code client}'s connection pool, dispatcher and settings, and reports to the guard.
     * Returns {@code client} itself when it is already guarded.
     */
    public OkHttpClient guard(OkHttpClient client) {
        Objects.requireNonNull(client, "client");
        if (client.eventListenerFactory() instanceof GuardListenerFactory) {
            return client;
        }
        return guard(client.newBuilder()).build();
    }

    /** The guard this instrumentation reports to. */
    public PortGuard portGuard() {
        return guard;
    }
}
