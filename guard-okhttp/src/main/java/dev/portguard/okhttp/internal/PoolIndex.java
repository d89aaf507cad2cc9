package dev.portguard.okhttp.internal;

import dev.portguard.core.spi.ClientPool;
import okhttp3.ConnectionPool;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * One guard pool per OkHttp {@link ConnectionPool}, so clients derived with {@code newBuilder()} share counts and
 * are not mistaken for new clients. Weak keys: a dropped client's pool is still collected. Consulted only when a
 * client is instrumented, never per request.
 */
public final class PoolIndex {
    private final Map<ConnectionPool, ClientPool> pools = new WeakHashMap<>();

    public synchronized ClientPool poolFor(ConnectionPool connectionPool, Function<ConnectionPool, ClientPool> create) {
        ClientPool pool = pools.get(connectionPool);
        if (pool == null) {
            pool = create.apply(connectionPool);
            pools.put(connectionPool, pool);
        }
        return pool;
    }
}
