package dev.portguard.okhttp.internal;

import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.Mitigation;
import dev.portguard.core.spi.PoolSettings;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Mitigate mode for OkHttp: the clients a mitigated site builds get the site's one shared {@link ConnectionPool}
 * instead of their own. OkHttp keys pooled connections by address, which holds the proxy, proxy selector, DNS,
 * TLS socket factory, hostname verifier, certificate pinner, protocols and connection specs: two clients that
 * differ in any of these never get each other's connections, so sharing the pool is safe. Nothing else in the
 * builder changes but two things that would otherwise defeat the sharing or start threads per client:
 * <ul>
 * <li>a builder without a TLS socket factory of its own gets one default factory for all of them (OkHttp makes a
 * new one per client, which alone makes every client's HTTPS connections unshareable); the trust is the same
 * platform default;</li>
 * <li>a dispatcher that has not started its executor yet runs its async calls on {@link SharedThreads}.</li>
 * </ul>
 * One pool per guard and site, sized to the most connections the site had in use at once, never below what the
 * code's pool keeps; bounded by the guard's sites.
 */
public final class SharedPools {
    private static final MethodHandle DISPATCHER = getter("getDispatcher$okhttp", Dispatcher.class);
    private static final MethodHandle TLS_FACTORY = getter("getSslSocketFactoryOrNull$okhttp", SSLSocketFactory.class);
    private static final MethodHandle SPECS = getter("getConnectionSpecs$okhttp", List.class);
    private static final Field EXECUTOR = executorField();

    private final ConcurrentHashMap<Site, ConnectionPool> pools = new ConcurrentHashMap<>();

    /**
     * The shared pool the client being built from {@code builder} (at a site the guard says to share) is to use, or
     * null when the client is left as the code built it (the guard is told why). Adjusts the builder's TLS factory
     * and dispatcher as described above.
     */
    public ConnectionPool share(OkHttpClient.Builder builder, ConnectionPool own, ClientPool pool,
                                Mitigation mitigation) {
        if (DISPATCHER == null || TLS_FACTORY == null || SPECS == null || EXECUTOR == null) {
            mitigation.unsupported("this OkHttp version", "its builder's dispatcher and TLS settings cannot be read");
            return null;
        }
        PoolSettings asked = OkHttpKind.settingsOf(own);
        if (asked.maxIdle() < 0 || asked.keepAlive() == null) {
            mitigation.unsupported("this OkHttp version", "its ConnectionPool's settings cannot be read");
            return null;
        }
        if (asked.maxIdle() == 0) {
            mitigation.leftAlone(pool.site(), OkHttpKind.KIND,
                    "its ConnectionPool keeps no idle connections: the code asked for no reuse");
            return null;
        }
        try {
            shareTls(builder);
            shareThreads((Dispatcher) DISPATCHER.invoke(builder));
        } catch (Throwable t) {
            mitigation.unsupported("this OkHttp version", "its builder could not be adjusted: " + t);
            return null;
        }
        ConnectionPool shared = pools.computeIfAbsent(new Site(mitigation, pool.site()), s -> new ConnectionPool(
                Math.max(asked.maxIdle(), mitigation.observedConcurrency(pool.site())), asked.keepAlive().toNanos(),
                TimeUnit.NANOSECONDS));
        mitigation.sharing(pool.site(), OkHttpKind.KIND, OkHttpKind.settingsOf(shared).maxIdle());
        builder.connectionPool(shared);
        return shared;
    }

    private static void shareTls(OkHttpClient.Builder builder) throws Throwable {
        if (TLS_FACTORY.invoke(builder) != null) {
            return; // the code's own TLS: its connections stay its own
        }
        @SuppressWarnings("unchecked")
        List<ConnectionSpec> specs = (List<ConnectionSpec>) SPECS.invoke(builder);
        if (specs.stream().anyMatch(ConnectionSpec::isTls)) {
            builder.sslSocketFactory(DefaultTls.FACTORY, DefaultTls.TRUST);
        }
    }

    private static void shareThreads(Dispatcher dispatcher) throws IllegalAccessException {
        synchronized (dispatcher) { // OkHttp reads and creates the executor under the dispatcher's lock
            if (EXECUTOR.get(dispatcher) == null) {
                EXECUTOR.set(dispatcher, SharedThreads.forDispatcher());
            }
        }
    }

    /** OkHttp's default TLS, made once: what each client would make for itself, from the same platform trust. */
    private static final class DefaultTls {
        static final SSLSocketFactory FACTORY;
        static final X509TrustManager TRUST;

        static {
            OkHttpClient template = new OkHttpClient.Builder().build();
            FACTORY = template.sslSocketFactory();
            TRUST = template.x509TrustManager();
        }
    }

    /** A site of one guard (its mitigation stands for it). */
    private record Site(Mitigation guard, String site) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Site s && s.guard == guard && s.site.equals(site);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(guard) + site.hashCode();
        }
    }

    private static MethodHandle getter(String name, Class<?> type) {
        try {
            return MethodHandles.publicLookup().findVirtual(OkHttpClient.Builder.class, name,
                    MethodType.methodType(type));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Field executorField() {
        try {
            Field f = Dispatcher.class.getDeclaredField("executorServiceOrNull");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
