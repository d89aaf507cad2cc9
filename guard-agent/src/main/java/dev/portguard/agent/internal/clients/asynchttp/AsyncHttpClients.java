package dev.portguard.agent.internal.clients.asynchttp;

import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.core.spi.Protocol;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.util.Map;
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
 * Library types are read through public methods only.
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
    private final WeakIdentityMap<Object, ClientPool> senders = new WeakIdentityMap<>();
    /** Channels that carried a request, to the destination they were counted at. */
    private final WeakIdentityMap<Object, PoolDestination> channels = new WeakIdentityMap<>();
    /** Requests (their response futures) holding a connection now. */
    private final WeakIdentityMap<Object, PoolDestination> inFlight = new WeakIdentityMap<>();

    public AsyncHttpClients(PortGuard guard) {
        this.guard = guard;
    }

    /** A client built its request sender. */
    public void created(Object sender) {
        senders.computeIfAbsent(sender, s -> guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS));
    }

    /** {@code sender} writes the request of {@code future} (a {@code NettyResponseFuture}) to {@code channel}. */
    public void writing(Object sender, Object future, Object channel) throws Throwable {
        ClientPool pool = senders.get(sender);
        if (pool == null || future == null || channel == null) {
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
        PoolDestination d = pool.destination((String) hostPort[0].invoke(uri), (int) hostPort[1].invoke(uri));
        d.requestStarted();
        if (channels.get(channel) == null) {
            channels.put(channel, d);
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
