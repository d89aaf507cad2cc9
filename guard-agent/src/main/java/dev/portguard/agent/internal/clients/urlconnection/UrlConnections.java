package dev.portguard.agent.internal.clients.urlconnection;

import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.CallSites;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.Protocol;
import dev.portguard.core.spi.PoolSettings;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code HttpURLConnection} shares one JVM-wide keep-alive cache, so there is no client object whose creation
 * names the code at fault. The agent keeps one pool per code site instead, and finds the site when a new physical
 * connection is opened (a stack walk per new connection, never per request: a request on a cached connection is
 * counted against the site that opened it).
 *
 * <p>HttpURLConnection gives a connection back in several ways (its stream's close, {@code finished()}, or never
 * when keep-alive is off and the socket is simply closed), so a request is counted as holding its connection only
 * for the moment it takes it: concurrency is not measured for this client, and its findings rest on connections
 * opened per request alone.
 *
 * <p>For {@code CONNECTION_LEAK} each connection is also a lease, from the moment a request takes it to the moment
 * it goes back to the keep-alive cache ({@code putInKeepAliveCache}: its stream was read to the end or closed) or is
 * closed. A stream neither read to the end nor closed keeps its connection out of the cache, and ages. Reads through
 * the connection's response stream on the thread that took it are its progress: HttpURLConnection is read where it
 * is called; a stream handed to another thread to read is not seen.
 */
public final class UrlConnections {
    /** The fix for each finding with HttpURLConnection and the JVM's keep-alive cache. */
    static final ClientKind KIND = ClientKind.of("httpurlconnection", Map.of(
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Read each response body to the end and close its stream (do not call disconnect()), so the JVM's"
                    + " keep-alive cache can reuse the connection; or move to a pooled client.",
            FindingType.KEEP_ALIVE_DISABLED,
            "Remove -Dhttp.keepAlive=false and any 'Connection: close' request header; raise"
                    + " -Dhttp.maxConnections (default 5 idle per destination) if callers run concurrently."));

    /** Where the JDK keeps HttpURLConnection's connections; opened to the agent only (see JdkModules). */
    public static final String INTERNAL_PACKAGE = "sun.net.www.http";

    private static final ThreadLocal<Boolean> OPENED_HERE = new ThreadLocal<>();

    private final PortGuard guard;
    private final PoolSettings settings;
    private final ConcurrentHashMap<String, ClientPool> poolsBySite = new ConcurrentHashMap<>();
    private final WeakIdentityMap<Object, Connection> connections = new WeakIdentityMap<>();

    /** One physical connection (a {@code sun.net.www.http.HttpClient}); leased while a request holds it. */
    private static final class Connection {
        final PoolDestination destination;
        private final AtomicBoolean leased = new AtomicBoolean();

        Connection(PoolDestination destination) {
            this.destination = destination;
        }

        void leaseStarted(Object connection) {
            if (leased.compareAndSet(false, true)) {
                destination.leaseStarted(connection);
            }
        }

        /** Given back or closed, by whichever path comes first; the others find it ended. */
        void leaseEnded(Object connection) {
            if (leased.compareAndSet(true, false)) {
                destination.leaseEnded(connection);
            }
        }
    }

    /** Per thread, made once: the connection its last request took, whose reads are that lease's progress. */
    private static final class Current {
        Connection connection;
        Object object;
    }

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>() {
        @Override
        protected Current initialValue() {
            return new Current();
        }
    };

    public UrlConnections(PortGuard guard) {
        this.guard = guard;
        // What the JVM's cache keeps: http.maxConnections idle per destination, or nothing with keep-alive off.
        boolean keepAlive = Boolean.parseBoolean(System.getProperty("http.keepAlive", "true"));
        int maxIdle = keepAlive ? Integer.getInteger("http.maxConnections", 5) : 0;
        this.settings = PoolSettings.ofIdle(maxIdle, Duration.ofSeconds(5));
    }

    public void opened() {
        OPENED_HERE.set(Boolean.TRUE);
    }

    public void acquired(Object url, Object connectionObject) {
        boolean fresh = OPENED_HERE.get() != null;
        if (fresh) {
            OPENED_HERE.remove();
        }
        Connection c = connections.get(connectionObject);
        if (c == null) {
            if (!fresh || !(url instanceof URL u) || u.getHost() == null) {
                return; // opened before the agent was ready: not ours to count
            }
            int port = u.getPort() >= 0 ? u.getPort() : u.getDefaultPort();
            c = new Connection(poolFor(CallSites.capture()).destination(u.getHost(), port));
            connections.put(connectionObject, c);
            c.destination.connectionOpened();
            c.destination.protocolUsed(Protocol.HTTP_1_1); // HttpURLConnection speaks nothing else
        }
        c.destination.requestStarted();
        c.destination.connectionAcquired();
        c.destination.connectionReleased();
        c.leaseStarted(connectionObject);
        Current current = CURRENT.get();
        current.connection = c;
        current.object = connectionObject;
    }

    /** The connection went back to the JVM's keep-alive cache: its response was read to the end or closed. */
    public void givenBack(Object connectionObject) {
        Connection c = connections.get(connectionObject);
        if (c != null) {
            c.leaseEnded(connectionObject);
        }
        forget(connectionObject);
    }

    /**
     * The connection read a response's headers. One the server or the code does not keep alive is never given back
     * to the cache: it closes with its stream, which the guard does not see, so it is not aged (a stream of such a
     * connection left open is not reported).
     */
    public void responded(Object connectionObject) throws Throwable {
        Connection c = connections.get(connectionObject);
        if (c != null && !(boolean) KEEPING_ALIVE.get(connectionObject.getClass()).invoke(connectionObject)) {
            c.leaseEnded(connectionObject);
        }
    }

    /** {@code isKeepingAlive()} of each connection class, or a constant false where it cannot be called. */
    private static final ClassValue<MethodHandle> KEEPING_ALIVE = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            MethodType booleanOfObject = MethodType.methodType(boolean.class, Object.class);
            try {
                return MethodHandles.privateLookupIn(type, MethodHandles.lookup()).findVirtual(type, "isKeepingAlive",
                        MethodType.methodType(boolean.class)).asType(booleanOfObject);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, Object.class);
            }
        }
    };

    /** A read of a response stream on this thread: the connection this thread took last is still in use. */
    public void read() {
        Current current = CURRENT.get();
        Connection c = current.connection;
        if (c != null) {
            c.destination.leaseProgressed(current.object);
        }
    }

    public void closed(Object connectionObject) {
        Connection c = connections.remove(connectionObject);
        if (c != null) {
            c.leaseEnded(connectionObject);
            c.destination.connectionClosed(ClosedBy.UNKNOWN);
        }
        forget(connectionObject);
    }

    /** This thread no longer reads through {@code connectionObject}; nor keeps it reachable. */
    private static void forget(Object connectionObject) {
        Current current = CURRENT.get();
        if (current.object == connectionObject) {
            current.connection = null;
            current.object = null;
        }
    }

    private ClientPool poolFor(String site) {
        ClientPool pool = poolsBySite.get(site);
        if (pool != null) {
            return pool;
        }
        // Bounded like the ledger's sites: past the cap, new sites share one pool.
        String key = poolsBySite.size() >= guard.config().maxSites() ? "(other)" : site;
        return poolsBySite.computeIfAbsent(key, s -> guard.newPool(KIND, settings, s));
    }
}
