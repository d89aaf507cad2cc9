package dev.portguard.agent.internal.clients.asynchttp;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * AsyncHttpClient. Every client ({@code Dsl.asyncHttpClient()}, {@code new DefaultAsyncHttpClient(..)}) builds
 * one {@code NettyRequestSender}, with its own Netty event loop and channel pool: that sender is one pool, and the
 * line that built the client its site. Every request the sender writes to a channel is a request (a redirect or
 * retry is written again, as the server sees it), counted toward the host and port of its target; the first
 * request a channel carries makes it a connection opened (a channel that never carried one is not counted). A
 * request holds its connection from its first write until its future completes. An HTTP/2 connection (3.x, when
 * enabled) is one channel carrying every stream, so it counts once too. Each connection's protocol is http/1.1,
 * unless the client marked its channel as HTTP/2 ({@code ChannelManager.isHttp2}, 3.x): h2 over TLS, h2c without.
 * A counted channel that becomes inactive (the client's handler sees it) is a connection closed: by the client
 * when it closed the channel of its own accord ({@code Channels.silentlyCloseChannel}: no keep-alive, an error, idle
 * in its pool) or was closing itself ({@code ChannelManager.close}), otherwise by the server. Library types are read
 * through public methods only.
 */
public final class AsyncHttpClients {
    static final ClientKind KIND = ClientKind.of("async-http-client", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one AsyncHttpClient (Dsl.asyncHttpClient(..)) when the application starts and share it; each"
                    + " client has its own Netty event loop, timer and connection pool, and close() drops them.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one AsyncHttpClient with keep-alive on (setKeepAlive(true), the default) and consume every"
                    + " response so its connection returns to the pool."));

    private final PortGuard guard;
    private final WeakIdentityMap<Object, Client> senders = new WeakIdentityMap<>();
    /** Each client's {@code ChannelManager}, which closes its channels when the client closes. */
    private final WeakIdentityMap<Object, Client> managers = new WeakIdentityMap<>();
    /** Channels that carried a request and are not closed yet. */
    private final WeakIdentityMap<Object, Connection> channels = new WeakIdentityMap<>();
    /** Requests (their response futures) holding a connection now. */
    private final WeakIdentityMap<Object, PoolDestination> inFlight = new WeakIdentityMap<>();

    public AsyncHttpClients(PortGuard guard) {
        this.guard = guard;
    }

    /** A client built its request sender, on {@code channelManager}. */
    public void created(Object sender, Object channelManager) {
        Client client = senders.computeIfAbsent(sender,
                s -> new Client(guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS)));
        if (channelManager != null) {
            managers.put(channelManager, client);
        }
    }

    /**
     * The client of {@code channelManager} is closing: it closes every channel still open. One the server closed
     * already is not open any more, though its handler may not have seen it inactive yet.
     */
    public void clientClosing(Object channelManager) throws Throwable {
        Client client = channelManager == null ? null : managers.get(channelManager);
        if (client == null) {
            return;
        }
        for (Object channel : client.open) {
            Connection c = channels.get(channel);
            if (c != null && !Boolean.FALSE.equals(IS_OPEN.get(channel.getClass()).invoke(channel))) {
                c.closingByClient = true;
            }
        }
    }

    /**
     * The client closes {@code channel} of its own accord (no keep-alive, an error, idle in its pool); a channel the
     * server closed already (found so when polled from the pool) is not open any more.
     */
    public void channelClosing(Object channel) throws Throwable {
        Connection c = channel == null ? null : channels.get(channel);
        if (c != null && !Boolean.FALSE.equals(IS_OPEN.get(channel.getClass()).invoke(channel))) {
            c.closingByClient = true;
        }
    }

    /**
     * The channel of {@code context} (a {@code ChannelHandlerContext} of the client's handler) became inactive: it is
     * closed, by the client if it asked, otherwise by the server.
     */
    public void channelInactive(Object context) throws Throwable {
        Object channel = context == null ? null : CHANNEL.get(context.getClass()).invoke(context);
        Connection c = channel == null ? null : channels.remove(channel);
        if (c != null) {
            c.client.open.remove(channel);
            c.destination.connectionClosed(c.closingByClient ? ClosedBy.CLIENT : ClosedBy.SERVER);
        }
    }

    /** {@code sender} writes the request of {@code future} (a {@code NettyResponseFuture}) to {@code channel}. */
    public void writing(Object sender, Object future, Object channel) throws Throwable {
        Client client = senders.get(sender);
        if (client == null || future == null || channel == null) {
            return;
        }
        Object request = TARGET_REQUEST.get(future.getClass()).invoke(future);
        Object uri = request == null ? null : URI.get(request.getClass()).invoke(request);
        if (uri == null) {
            return;
        }
        MethodHandle[] hostPort = HOST_PORT.get(uri.getClass());
        if (hostPort.length == 0) {
            return;
        }
        PoolDestination d = client.pool.destination((String) hostPort[0].invoke(uri), (int) hostPort[1].invoke(uri));
        d.requestStarted();
        if (channels.get(channel) == null) {
            channels.put(channel, new Connection(d, client));
            client.open.add(channel);
            if (REMOTE.get(channel.getClass()).invoke(channel) instanceof InetSocketAddress remote
                    && !remote.isUnresolved()) {
                d.connecting(remote);
            }
            d.protocolUsed(protocolOf(sender, channel, uri));
            d.connectionOpened();
        }
        if (inFlight.get(future) == null) {
            CompletableFuture<?> done = (CompletableFuture<?>) TO_COMPLETABLE.get(future.getClass()).invoke(future);
            if (done != null) {
                inFlight.put(future, d);
                d.connectionAcquired();
                done.whenComplete((r, t) -> {
                    inFlight.remove(future);
                    d.connectionReleased();
                });
            }
        }
    }

    /** A client's pool, and its counted channels not yet closed (each leaves when its handler sees it inactive). */
    private static final class Client {
        final ClientPool pool;
        final Set<Object> open = ConcurrentHashMap.newKeySet();

        Client(ClientPool pool) {
            this.pool = pool;
        }
    }

    /** A channel counted as a connection: where, whose, and whether the client asked to close it. */
    private static final class Connection {
        final PoolDestination destination;
        final Client client;
        volatile boolean closingByClient;

        Connection(PoolDestination destination, Client client) {
            this.destination = destination;
            this.client = client;
        }
    }

    private static Protocol protocolOf(Object sender, Object channel, Object uri) throws Throwable {
        if (!(boolean) IS_HTTP2.get(sender.getClass()).invoke(channel)) {
            return Protocol.HTTP_1_1;
        }
        return (boolean) SECURED.get(uri.getClass()).invoke(uri) ? Protocol.H2 : Protocol.H2C;
    }

    /** {@code ChannelManager.isHttp2(Channel)} beside the sender (3.x); one giving false where there is none (2.x). */
    private static final ClassValue<MethodHandle> IS_HTTP2 = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> sender) {
            try {
                ClassLoader loader = sender.getClassLoader();
                Class<?> manager = Class.forName("org.asynchttpclient.netty.channel.ChannelManager", false, loader);
                Class<?> channel = Class.forName("io.netty.channel.Channel", false, loader);
                return MethodHandles.publicLookup()
                        .findStatic(manager, "isHttp2", MethodType.methodType(boolean.class, channel))
                        .asType(MethodType.methodType(boolean.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, Object.class);
            }
        }
    };

    /** {@code Uri.isSecured()}; one giving false if absent. */
    private static final ClassValue<MethodHandle> SECURED = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                return MethodHandles.publicLookup().unreflect(type.getMethod("isSecured"))
                        .asType(MethodType.methodType(boolean.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, Object.class);
            }
        }
    };

    private static final ClassValue<MethodHandle> TARGET_REQUEST = getter("getTargetRequest");
    private static final ClassValue<MethodHandle> URI = getter("getUri");
    private static final ClassValue<MethodHandle> TO_COMPLETABLE = getter("toCompletableFuture");
    private static final ClassValue<MethodHandle> REMOTE = getter("remoteAddress");
    private static final ClassValue<MethodHandle> CHANNEL = getter("channel");
    /** Netty's {@code Channel.isOpen()}, boxed; null if absent (the client's closing is then taken as the cause). */
    private static final ClassValue<MethodHandle> IS_OPEN = getter("isOpen");

    /** {@code Uri.getHost()} and {@code Uri.getExplicitPort()} (the scheme's port when the URI names none). */
    private static final ClassValue<MethodHandle[]> HOST_PORT = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new MethodHandle[] {
                        lookup.unreflect(type.getMethod("getHost"))
                                .asType(MethodType.methodType(String.class, Object.class)),
                        lookup.unreflect(type.getMethod("getExplicitPort"))
                                .asType(MethodType.methodType(int.class, Object.class))};
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new MethodHandle[0];
            }
        }
    };

    /** A public no-argument method found on the type's public class or interfaces; one giving null if absent. */
    private static ClassValue<MethodHandle> getter(String name) {
        return new ClassValue<>() {
            @Override
            protected MethodHandle computeValue(Class<?> type) {
                MethodType asObject = MethodType.methodType(Object.class, Object.class);
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    MethodHandle found = publicMethod(c, name);
                    for (int i = 0; found == null && i < c.getInterfaces().length; i++) {
                        found = publicMethod(c.getInterfaces()[i], name);
                    }
                    if (found != null) {
                        return found.asType(asObject);
                    }
                }
                return MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, Object.class);
            }
        };
    }

    private static MethodHandle publicMethod(Class<?> type, String name) {
        if (!java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().unreflect(type.getMethod(name));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
