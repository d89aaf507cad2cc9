package dev.portguard.okhttp.internal;

import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

import javax.net.SocketFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What a builder holds: its connection pool, listener factory and socket factory. The builder has no public
 * getters; OkHttp 4.12 and 5.x both expose them to their own module as {@code getX$okhttp()}, which is public in
 * bytecode. Reading them avoids building a throwaway client just to look: that costs a TLS set-up, and it would
 * run the {@code OkHttpClient} constructor (which an agent may instrument) on the user's builder. When the getters
 * are not there, the caller falls back to building a client.
 */
public record BuilderState(ConnectionPool connectionPool, EventListener.Factory eventListenerFactory,
                           SocketFactory socketFactory) {
    private static final MethodHandle POOL = getter("getConnectionPool$okhttp", ConnectionPool.class);
    private static final MethodHandle LISTENERS = getter("getEventListenerFactory$okhttp", EventListener.Factory.class);
    private static final MethodHandle SOCKETS = getter("getSocketFactory$okhttp", SocketFactory.class);

    /**
     * Reads {@code builder}; a builder that has no pool yet (OkHttp 5 creates it in the client) is given the pool
     * the client would create, so the guard and the client see the same one. Null when the getters are missing.
     */
    public static BuilderState read(OkHttpClient.Builder builder) {
        if (POOL == null || LISTENERS == null || SOCKETS == null) {
            return null;
        }
        try {
            ConnectionPool pool = (ConnectionPool) POOL.invoke(builder);
            if (pool == null) {
                pool = new ConnectionPool();
                builder.connectionPool(pool);
            }
            return new BuilderState(pool, (EventListener.Factory) LISTENERS.invoke(builder),
                    (SocketFactory) SOCKETS.invoke(builder));
        } catch (Throwable t) {
            return null;
        }
    }

    /** The same, read from a client built from the builder: the fallback. */
    public static BuilderState of(OkHttpClient client) {
        return new BuilderState(client.connectionPool(), client.eventListenerFactory(), client.socketFactory());
    }

    private static MethodHandle getter(String name, Class<?> type) {
        try {
            return MethodHandles.publicLookup().findVirtual(OkHttpClient.Builder.class, name, MethodType.methodType(type));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
