package dev.portguard.okhttp.internal;

import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientPool;
import okhttp3.ConnectionPool;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * One guard pool per OkHttp {@link ConnectionPool} and guard, so clients derived with {@code newBuilder()} share
 * counts and are not mistaken for new clients. Keyed weakly by the OkHttp pool: a dropped client's entry goes with
 * it, and a guard is kept only while a pool it watches is alive. Consulted when a client is instrumented, never
 * per request.
 */
public final class PoolIndex {
    private final Map<ConnectionPool, Map<PortGuard, ClientPool>> pools = new WeakHashMap<>();

    public synchronized ClientPool poolFor(ConnectionPool connectionPool, PortGuard guard,
                                           Function<ConnectionPool, ClientPool> create) {
        Map<PortGuard, ClientPool> byGuard = pools.computeIfAbsent(connectionPool, cp -> new HashMap<>(2));
        ClientPool pool = byGuard.get(guard);
        if (pool == null) {
            pool = create.apply(connectionPool);
            byGuard.put(guard, pool);
        }
        return pool;
    }
}
