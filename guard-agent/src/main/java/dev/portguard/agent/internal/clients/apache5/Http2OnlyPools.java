package dev.portguard.agent.internal.clients.apache5;

import dev.portguard.agent.internal.AgentLog;
import dev.portguard.agent.internal.HelperLoader;
import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.agent.internal.clients.apache.ApacheLibrary;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.CallSites;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.core.spi.Protocol;
import dev.portguard.httpclient5.internal.ApacheKinds;

import java.lang.reflect.Field;

/**
 * Apache HttpClient 5's HTTP/2-only async client ({@code HttpAsyncClients.createHttp2Default()},
 * {@code customHttp2().build()}): the client is one pool, built where the application built it; its session pool
 * opens one HTTP/2 connection per destination, and every request is a stream on it. A stream acquires the
 * connection when its exchange asks the pool for it, and releases it when the exchange gives its endpoint back
 * (done or failed), so a hundred requests at once hold one connection a hundred times, as a multiplexing client
 * should.
 *
 * <p>The client's connection pool ({@code H2ConnPool} in 5.1; later, {@code InternalH2ConnPool} over a session
 * pool of its own) is known by the client's constructor; both objects name the same pool here. The exchanges
 * ({@code InternalH2AsyncExecRuntime}, one per request) hold it in their {@code connPool} field.
 */
public final class Http2OnlyPools {
    private static final String LIBRARY = "dev.portguard.agent.internal.clients.apache5.Apache5Library";

    private final PortGuard guard;
    /** The client's connection pool and, after 5.1, the session pool inside it: both to one pool. */
    private final WeakIdentityMap<Object, Pool> pools = new WeakIdentityMap<>();
    /** Exchanges holding a stream now, to the destination they hold it toward; removed when they give it back. */
    private final WeakIdentityMap<Object, PoolDestination> streams = new WeakIdentityMap<>();

    public Http2OnlyPools(PortGuard guard) {
        this.guard = guard;
    }

    /** An HTTP/2-only client was built over {@code connPool}; the application's line that built it is the site. */
    public void clientCreated(Object connPool) throws ReflectiveOperationException {
        if (connPool == null) {
            return;
        }
        ApacheLibrary library = LIBRARIES.get(connPool.getClass());
        if (library == null) {
            return;
        }
        Pool pool = new Pool(guard.newPool(library.kind(ApacheKinds.H2.name()), PoolSettings.UNKNOWN_SETTINGS,
                CallSites.capture()), library);
        pools.put(connPool, pool);
        Field sessionPool = SESSION_POOL.get(connPool.getClass());
        if (sessionPool != null) {
            Object inner = sessionPool.get(connPool);
            if (inner != null) {
                pools.put(inner, pool);
            }
        }
    }

    /** {@code sessionPool} opens a new HTTP/2 connection to {@code routeOrHost}: counted as its connect starts. */
    public void connecting(Object sessionPool, Object routeOrHost) {
        Pool pool = pools.get(sessionPool);
        if (pool == null) {
            return;
        }
        PoolDestination d = pool.library.destination(pool.pool, routeOrHost);
        if (d == null) {
            return;
        }
        d.connectionOpened();
        Protocol protocol = pool.library.http2Protocol(routeOrHost);
        if (protocol != null) {
            d.protocolUsed(protocol);
        }
    }

    /**
     * The exchange {@code runtime} asks for a connection to {@code route}: a request, and a stream holding the
     * destination's connection. An exchange asking again before giving back what it holds is not counted twice.
     */
    public void acquiring(Object runtime, Object route) throws ReflectiveOperationException {
        Field connPool = CONN_POOL.get(runtime.getClass());
        if (connPool == null || streams.get(runtime) != null) {
            return;
        }
        Pool pool = pools.get(connPool.get(runtime));
        if (pool == null) {
            return;
        }
        PoolDestination d = pool.library.destination(pool.pool, route);
        if (d == null) {
            return;
        }
        streams.put(runtime, d);
        d.requestStarted();
        d.connectionAcquired();
    }

    /** The exchange gave its endpoint back (released or discarded); only a stream it holds is counted. */
    public void released(Object runtime) {
        PoolDestination d = streams.remove(runtime);
        if (d != null) {
            d.connectionReleased();
        }
    }

    private record Pool(ClientPool pool, ApacheLibrary library) {
    }

    private static final ClassValue<ApacheLibrary> LIBRARIES = new ClassValue<>() {
        @Override
        protected ApacheLibrary computeValue(Class<?> poolClass) {
            try {
                return (ApacheLibrary) HelperLoader.linkedTo(poolClass, LIBRARY).getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                AgentLog.warn("Apache HttpClient 5 from " + poolClass.getClassLoader() + " cannot be guarded (" + e
                        + "); its HTTP/2 clients are not counted");
                return null;
            }
        }
    };

    private static final ClassValue<Field> SESSION_POOL = new FieldOf("sessionPool");
    private static final ClassValue<Field> CONN_POOL = new FieldOf("connPool");

    /** A declared field by name, made readable once per class; null when the class has none. */
    private static final class FieldOf extends ClassValue<Field> {
        private final String name;

        FieldOf(String name) {
            this.name = name;
        }

        @Override
        protected Field computeValue(Class<?> type) {
            try {
                Field f = type.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException | RuntimeException e) {
                return null;
            }
        }
    }
}
