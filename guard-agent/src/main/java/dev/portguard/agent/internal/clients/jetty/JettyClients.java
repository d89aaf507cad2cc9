package dev.portguard.agent.internal.clients.jetty;

import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.core.spi.Protocol;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jetty 12 {@code HttpClient}. A client is one pool, registered when it starts ({@code HttpClient.doStart}, run
 * by the application's {@code start()}): the line that started it is its site, so a client built and started per
 * request is {@code NEW_CLIENT_PER_REQUEST} there. Each {@code HttpDestination} (one per scheme, host and port) is
 * a destination with its own connection pool: an exchange queued on it is a request (redirects and retries are
 * queued anew, as the server sees them), a connection its pool creates is a connection opened, and a connection
 * is held from the pool's {@code acquire} to its {@code release} (or {@code remove}). An HTTP/2 connection is
 * acquired once per stream, so holds are counted per connection. Library types are read through public methods
 * only ({@code getHttpClient}, {@code getHost}, {@code getPort}, {@code getConnectionPool}, {@code isSecure}).
 */
public final class JettyClients {
    static final ClientKind KIND = ClientKind.of("jetty-client", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one org.eclipse.jetty.client.HttpClient when the application starts, start it once and share"
                    + " it; each client has its own connection pools, selector and threads, and stop() closes"
                    + " every connection it opened.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one started Jetty HttpClient, read or abort every response so its connection returns to the pool,"
                    + " and do not send Connection: close."));

    private final PortGuard guard;
    private final WeakIdentityMap<Object, ClientPool> clients = new WeakIdentityMap<>();
    /** Jetty's {@code HttpDestination}s, then their connection pools, to the destination counted for them. */
    private final WeakIdentityMap<Object, PoolDestination> destinations = new WeakIdentityMap<>();
    private final WeakIdentityMap<Object, Route> connectionPools = new WeakIdentityMap<>();
    /** Per connection: how many requests hold it now (more than one only on a multiplexed connection). */
    private final WeakIdentityMap<Object, AtomicInteger> holds = new WeakIdentityMap<>();
    /** HTTP/2 connections the client began to close of its own accord, until they leave their pool. */
    private final WeakIdentityMap<Object, Boolean> closingByClient = new WeakIdentityMap<>();

    public JettyClients(PortGuard guard) {
        this.guard = guard;
    }

    /** {@code client} is starting: once per client, however often it is started again. */
    public void starting(Object client) {
        clients.computeIfAbsent(client, c -> guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS));
    }

    /** An exchange was handed to {@code destination} (a Jetty {@code HttpDestination}) to send. */
    public void queued(Object destination) throws Throwable {
        PoolDestination d = destinations.get(destination);
        if (d == null) {
            d = register(destination);
            if (d == null) {
                return;
            }
        }
        d.requestStarted();
    }

    private PoolDestination register(Object destination) throws Throwable {
        MethodHandle[] getters = GETTERS.get(destination.getClass());
        if (getters.length == 0) {
            return null;
        }
        ClientPool pool = clients.get(getters[0].invoke(destination));
        if (pool == null) {
            return null; // started before the agent was
        }
        PoolDestination d = pool.destination((String) getters[1].invoke(destination), (int) getters[2].invoke(destination));
        Object connectionPool = getters[3].invoke(destination);
        if (connectionPool != null) {
            connectionPools.put(connectionPool, new Route(d, (boolean) getters[4].invoke(destination)));
        }
        destinations.put(destination, d);
        return d;
    }

    /** {@code connectionPool} created {@code connection} (a new TCP connection, connected). */
    public void created(Object connectionPool, Object connection) throws Throwable {
        Route route = connectionPools.get(connectionPool);
        if (route == null || connection == null) {
            return;
        }
        holds.put(connection, new AtomicInteger());
        Protocol protocol = protocolOf(connection.getClass().getName(), route.secure);
        if (protocol != null) {
            route.destination.protocolUsed(protocol);
        }
        // the address the connection spends its port toward, for the headroom probe
        if (REMOTE.get(connection.getClass()).invoke(connection) instanceof InetSocketAddress remote
                && !remote.isUnresolved()) {
            route.destination.connecting(remote);
        }
        route.destination.connectionOpened();
    }

    /** {@code connectionPool} handed {@code connection} to a request; null when it had none to give. */
    public void acquired(Object connectionPool, Object connection) {
        if (connection == null) {
            return;
        }
        Route route = connectionPools.get(connectionPool);
        AtomicInteger held = holds.get(connection);
        if (route != null && held != null) {
            held.incrementAndGet();
            route.destination.connectionAcquired();
        }
    }

    /** A request gives {@code connection} back to {@code connectionPool}. */
    public void released(Object connectionPool, Object connection) {
        Route route = connectionPools.get(connectionPool);
        AtomicInteger held = route == null || connection == null ? null : holds.get(connection);
        if (held != null && decrementIfHeld(held)) {
            route.destination.connectionReleased();
        }
    }

    /** The client closes {@code connection} (HTTP/2) of its own accord; it leaves its pool once its GOAWAY is out. */
    public void closing(Object connection) {
        if (connection != null && holds.get(connection) != null) {
            closingByClient.put(connection, Boolean.TRUE);
        }
    }

    /**
     * {@code connectionPool} drops {@code connection}: every request still holding it has let it go, and the
     * connection is closed. Jetty removes a connection from its pool as it closes it, whoever closed first (its
     * own close, the client's stop, the server's end of stream, an idle timeout), and may remove it more than once:
     * the first removal counts the close.
     */
    public void removed(Object connectionPool, Object connection) throws Throwable {
        Route route = connectionPools.get(connectionPool);
        AtomicInteger held = route == null || connection == null ? null : holds.remove(connection);
        if (held == null) {
            return;
        }
        for (int n = held.getAndSet(0); n > 0; n--) {
            route.destination.connectionReleased();
        }
        boolean byClient = closingByClient.remove(connection) != null;
        route.destination.connectionClosed(byClient ? ClosedBy.CLIENT : closedBy(connection));
    }

    /**
     * Who closed first, read as the connection leaves its pool (an HTTP/2 connection the client closed of its own
     * accord is known before). An HTTP/2 session knows whose GOAWAY came first while only one was (its close
     * state). Otherwise the TCP end point tells: input already shut down means the client read the
     * server's end of stream, so the server closed; an HTTP/1.1 connection still open for input is being closed by
     * the client. An HTTP/2 session closing on both sides at once, with its socket still open, is not told.
     */
    static ClosedBy closedBy(Object connection) throws Throwable {
        Object session = SESSION.get(connection.getClass()).invoke(connection);
        if (session != null) {
            Object state = CLOSE_STATE.get(session.getClass()).invoke(session);
            String name = state == null ? "" : state.toString();
            if (name.equals("LOCALLY_CLOSED")) {
                return ClosedBy.CLIENT;
            }
            if (name.equals("REMOTELY_CLOSED")) {
                return ClosedBy.SERVER;
            }
        }
        Object of = session != null ? session : connection;
        Object endPoint = END_POINT.get(of.getClass()).invoke(of);
        if (endPoint == null) {
            return ClosedBy.UNKNOWN;
        }
        if ((boolean) INPUT_SHUT.get(endPoint.getClass()).invoke(endPoint)) {
            return ClosedBy.SERVER;
        }
        return session == null ? ClosedBy.CLIENT : ClosedBy.UNKNOWN;
    }

    private static boolean decrementIfHeld(AtomicInteger held) {
        while (true) {
            int n = held.get();
            if (n <= 0) {
                return false;
            }
            if (held.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    /** Jetty names each transport's connection class after its protocol; HTTP/3 and unknown ones say nothing. */
    static Protocol protocolOf(String connectionClass, boolean secure) {
        if (connectionClass.endsWith("OverHTTP")) {
            return Protocol.HTTP_1_1;
        }
        if (connectionClass.endsWith("OverHTTP2")) {
            return secure ? Protocol.H2 : Protocol.H2C;
        }
        return null;
    }

    /** A destination's connection pool: where its counts go, and whether it speaks TLS. */
    private record Route(PoolDestination destination, boolean secure) {
    }

    /** {@code getHttpClient()}, {@code getHost()}, {@code getPort()}, {@code getConnectionPool()}, {@code isSecure()}; none if absent. */
    private static final ClassValue<MethodHandle[]> GETTERS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new MethodHandle[] {
                        getter(lookup, type, "getHttpClient", Object.class),
                        getter(lookup, type, "getHost", String.class),
                        getter(lookup, type, "getPort", int.class),
                        getter(lookup, type, "getConnectionPool", Object.class),
                        getter(lookup, type, "isSecure", boolean.class)};
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new MethodHandle[0];
            }
        }
    };

    /** A connection's {@code getRemoteSocketAddress()} (Jetty's public {@code Connection}), or one giving null. */
    private static final ClassValue<MethodHandle> REMOTE = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                Class<?> connection = Class.forName("org.eclipse.jetty.client.Connection", false, type.getClassLoader());
                if (connection.isAssignableFrom(type)) {
                    return getter(MethodHandles.publicLookup(), connection, "getRemoteSocketAddress", Object.class);
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // below
            }
            return MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, Object.class);
        }
    };

    /** {@code getEndPoint()}: of an HTTP/1.1 connection (Jetty's {@code AbstractConnection}) or an HTTP/2 session. */
    private static final ClassValue<MethodHandle> END_POINT = optionalGetter("getEndPoint");
    /** {@code getSession()} of an HTTP/2 connection. */
    private static final ClassValue<MethodHandle> SESSION = optionalGetter("getSession");
    /** {@code getCloseState()} of an HTTP/2 session: which side's GOAWAY came first. */
    private static final ClassValue<MethodHandle> CLOSE_STATE = optionalGetter("getCloseState");

    /** {@code EndPoint.isInputShutdown()} on an end point's class; one giving false if absent. */
    private static final ClassValue<MethodHandle> INPUT_SHUT = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                Class<?> endPoint = Class.forName("org.eclipse.jetty.io.EndPoint", false, type.getClassLoader());
                return getter(MethodHandles.publicLookup(), endPoint, "isInputShutdown", boolean.class);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, Object.class);
            }
        }
    };

    /** A public no-argument method of the type; one giving null if absent. */
    private static ClassValue<MethodHandle> optionalGetter(String name) {
        return new ClassValue<>() {
            @Override
            protected MethodHandle computeValue(Class<?> type) {
                try {
                    return getter(MethodHandles.publicLookup(), type, name, Object.class);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, Object.class);
                }
            }
        };
    }

    private static MethodHandle getter(MethodHandles.Lookup lookup, Class<?> type, String name, Class<?> result)
            throws ReflectiveOperationException {
        MethodHandle m = lookup.unreflect(type.getMethod(name));
        return m.asType(MethodType.methodType(result, Object.class));
    }
}
