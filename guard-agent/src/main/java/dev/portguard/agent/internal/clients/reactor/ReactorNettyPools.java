package dev.portguard.agent.internal.clients.reactor;

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
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Reactor Netty (1.2 and 1.3), HTTP/1.1 and HTTP/2. A {@code ConnectionProvider} is one pool, registered where it is built:
 * {@code ConnectionProvider.create(..)} or a builder's {@code build()} in the application, or the global provider
 * behind {@code HttpClient.create()} (and so {@code WebClient.create()}), which is one pool however many clients use
 * it. Inside a provider, Reactor keeps one pool per remote address: each is one destination. A request is an
 * acquisition from it; a {@code PooledConnection} is a new channel; a connection is held from the moment an
 * acquisition is handed it until the provider is told the request let it go ({@code DISCONNECTING}).
 * {@code ConnectionProvider.newConnection()} (behind {@code HttpClient.newConnection()}) pools nothing: every
 * acquisition connects.
 *
 * <p>HTTP/2 ({@code h2}, {@code h2c} with prior knowledge) runs on the same pools: Reactor's HTTP/2 provider
 * acquires its connections from the application's provider (so a provider per request is still a new client per
 * request) and holds each while it lives. Such an acquisition is no request; each stream the HTTP/2 provider hands
 * a request is one, held until the stream ends, counted at the destination of the connection it rides on. Each
 * pooled connection's close is counted once it happens, with who closed first ({@link ReactorCloses}). Library
 * types are read reflectively, through public methods and three fields of the provider's pool map.
 */
public final class ReactorNettyPools {
    static final ClientKind KIND = ClientKind.of("reactor-netty", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one ConnectionProvider (or one HttpClient, or WebClient, built on it) when the application"
                    + " starts and share it; each provider keeps its own pools. HttpClient.create() and"
                    + " WebClient.create() without a provider share Reactor's global provider.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Use a pooled ConnectionProvider (HttpClient.create(), or ConnectionProvider.builder(..).build())"
                    + " instead of HttpClient.newConnection() or ConnectionProvider.newConnection(), and consume or"
                    + " release every response body so its connection returns to the pool."));
    /** The one provider class whose pools, acquisitions and channels these seams read; HTTP/2's is another. */
    public static final String POOLED_PROVIDER = "reactor.netty.resources.DefaultPooledConnectionProvider";
    private static final String DISCONNECTING = "[disconnecting]";
    /** The observer Reactor's HTTP/2 provider acquires its connections with (a nested class of the provider). */
    private static final String HTTP2_PROVIDER = "reactor.netty.http.client.Http2ConnectionProvider$";
    /** Where Reactor's pipeline keeps TLS: a connection with it speaks h2, without it h2c. */
    private static final String SSL_HANDLER = "reactor.left.sslHandler";

    private final PortGuard guard;
    private final WeakIdentityMap<Object, ClientPool> providers = new WeakIdentityMap<>();
    /** Reactor's pool per remote address, to the destination its requests are counted at. */
    private final WeakIdentityMap<Object, PoolDestination> addressPools = new WeakIdentityMap<>();
    private final WeakIdentityMap<Object, Held> channels = new WeakIdentityMap<>();
    /** The same, by the Netty channel under each pooled connection: how an HTTP/2 stream finds its connection. */
    private final WeakIdentityMap<Object, Held> nettyChannels = new WeakIdentityMap<>();
    /** Reactor's pools per address that HTTP/2 acquires its connections from. */
    private final WeakIdentityMap<Object, Boolean> multiplexedPools = new WeakIdentityMap<>();
    /** Streams handed to requests and not ended yet, to the connection each rides on. */
    private final WeakIdentityMap<Object, Held> streams = new WeakIdentityMap<>();
    private final ReactorCloses closes = new ReactorCloses();
    /** The pool of {@code ConnectionProvider.newConnection()}: one provider for the whole process. */
    private volatile ClientPool unpooled;

    public ReactorNettyPools(PortGuard guard) {
        this.guard = guard;
    }

    /** A connection provider was built (a subclass's constructor has run when this is called). */
    public void providerCreated(Object provider) {
        if (provider != null && POOLED_PROVIDER.equals(provider.getClass().getName())) {
            providers.computeIfAbsent(provider, p -> guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS));
        }
    }

    /**
     * {@code provider} starts an acquisition from {@code addressPool}, its pool for one remote address: a request,
     * or a connection for HTTP/2's streams when {@code observer} is the HTTP/2 provider's.
     */
    public void acquiring(Object provider, Object addressPool, Object observer) throws Throwable {
        PoolDestination d = destinationOf(provider, addressPool);
        if (d == null) {
            return;
        }
        if (observer != null && observer.getClass().getName().startsWith(HTTP2_PROVIDER)) {
            multiplexedPools.put(addressPool, Boolean.TRUE);
        } else {
            d.requestStarted();
        }
    }

    /** An acquisition was handed {@code pooledRef} (new or idle); the request holds its channel from now on. */
    public void handed(Object pooledRef) throws Throwable {
        Object channel = PoolableGetter.INSTANCE.get(pooledRef.getClass()).invoke(pooledRef);
        Held held = channel == null ? null : channels.get(channel);
        if (held != null && !held.multiplexed && held.inUse.compareAndSet(false, true)) {
            held.destination.connectionAcquired();
            held.spoke(Protocol.HTTP_1_1);
        }
    }

    /** An HTTP/2 request was handed {@code streamRef}, a stream on one of the HTTP/2 pool's connections. */
    public void streamAcquired(Object streamRef) throws Throwable {
        Object connection = PoolableGetter.INSTANCE.get(streamRef.getClass()).invoke(streamRef);
        Object netty = connection == null ? null : Netty.CHANNEL.get(connection.getClass()).invoke(connection);
        Held held = netty == null ? null : nettyChannels.get(netty);
        if (held == null) {
            return;
        }
        streams.put(streamRef, held);
        held.destination.requestStarted();
        held.destination.connectionAcquired();
        if (held.protocol == null) {
            Object pipeline = Netty.PIPELINE.get(netty.getClass()).invoke(netty);
            Object tls = pipeline == null ? null : Netty.HANDLER.get(pipeline.getClass()).invoke(pipeline, SSL_HANDLER);
            held.spoke(tls != null ? Protocol.H2 : Protocol.H2C);
        }
    }

    /** The HTTP/2 stream {@code streamRef} ended (its pool is told at most once per stream; this counts once). */
    public void streamEnded(Object streamRef) {
        Held held = streams.remove(streamRef);
        if (held != null) {
            held.destination.connectionReleased();
        }
    }

    /** {@code addressPool} created a new channel, {@code channel} (a {@code PooledConnection}). */
    public void channelCreated(Object channel, Object addressPool) {
        PoolDestination d = addressPool == null ? null : addressPools.get(addressPool);
        if (d == null) {
            return;
        }
        Held held = new Held(d, multiplexedPools.get(addressPool) != null);
        channels.put(channel, held);
        try {
            Object netty = Netty.CHANNEL.get(channel.getClass()).invoke(channel);
            if (netty != null) {
                nettyChannels.put(netty, held);
                closes.watch(netty, d);
            }
        } catch (Throwable e) {
            // its HTTP/2 streams and its close, if any, go uncounted
        }
        d.connectionOpened();
    }

    /** The head of a channel's pipeline ({@code context}) is asked to close it: the client closes it. */
    public void channelClosing(Object context) throws Throwable {
        closes.closing(context);
    }

    /** The request holding {@code channel} let it go (back to the pool, or closed) when the state says so. */
    public void channelState(Object channel, Object state) {
        if (state == null || !DISCONNECTING.equals(state.toString())) {
            return;
        }
        Held held = channels.get(channel);
        if (held != null && held.inUse.compareAndSet(true, false)) {
            held.destination.connectionReleased();
        }
    }

    /** {@code ConnectionProvider.newConnection()} connects to the address {@code remote} supplies. */
    public void connectingUnpooled(Object remote) {
        if (!(remote instanceof Supplier<?> supplier) || !(supplier.get() instanceof InetSocketAddress a)) {
            return;
        }
        ClientPool pool = unpooled;
        if (pool == null) {
            synchronized (this) {
                if (unpooled == null) {
                    unpooled = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS);
                }
                pool = unpooled;
            }
        }
        PoolDestination d = pool.destination(a.getHostString(), a.getPort());
        d.requestStarted();
        if (!a.isUnresolved()) {
            d.connecting(a);
        }
        d.connectionOpened();
    }

    private PoolDestination destinationOf(Object provider, Object addressPool) throws Throwable {
        PoolDestination d = addressPools.get(addressPool);
        if (d != null) {
            return d;
        }
        ClientPool pool = providers.get(provider);
        if (pool == null) {
            return null;
        }
        SocketAddress address = addressOf(provider, addressPool);
        if (!(address instanceof InetSocketAddress a)) {
            return null; // a Unix domain socket spends no port
        }
        d = pool.destination(a.getHostString(), a.getPort());
        if (!a.isUnresolved()) {
            d.connecting(a);
        }
        addressPools.put(addressPool, d);
        return d;
    }

    /** The remote address Reactor keyed {@code addressPool} by, from the provider's map of pools. */
    private static SocketAddress addressOf(Object provider, Object addressPool) throws Throwable {
        MethodHandle[] fields = POOL_MAP.get(provider.getClass());
        if (fields.length == 0) {
            return null;
        }
        Map<?, ?> pools = (Map<?, ?>) fields[0].invoke(provider);
        for (Map.Entry<?, ?> e : pools.entrySet()) {
            if (e.getValue() == addressPool) {
                return (SocketAddress) fields[1].invoke(e.getKey());
            }
        }
        return null;
    }

    /** A channel, whether a request holds it now, and whether HTTP/2 holds it for its streams instead. */
    private static final class Held {
        final PoolDestination destination;
        final boolean multiplexed;
        final AtomicBoolean inUse = new AtomicBoolean();
        /** Reported once per connection: it speaks one protocol. */
        volatile Protocol protocol;

        Held(PoolDestination destination, boolean multiplexed) {
            this.destination = destination;
            this.multiplexed = multiplexed;
        }

        void spoke(Protocol p) {
            if (protocol != p) {
                protocol = p;
                destination.protocolUsed(p);
            }
        }
    }

    /** Netty's public interfaces, found on the class at hand: {@code Connection.channel()}, and a pipeline's handler. */
    private static final class Netty extends ClassValue<MethodHandle> {
        static final Netty CHANNEL = new Netty("reactor.netty.Connection", "channel", MethodType.methodType(
                Object.class));
        static final Netty PIPELINE = new Netty("io.netty.channel.Channel", "pipeline", MethodType.methodType(
                Object.class));
        static final Netty HANDLER = new Netty("io.netty.channel.ChannelPipeline", "get", MethodType.methodType(
                Object.class, String.class));

        private final String owner;
        private final String name;
        private final MethodType type;

        private Netty(String owner, String name, MethodType type) {
            this.owner = owner;
            this.name = name;
            this.type = type;
        }

        @Override
        protected MethodHandle computeValue(Class<?> c) {
            try {
                Class<?> i = find(c);
                if (i != null) {
                    Class<?> returned = i.getMethod(name, type.parameterArray()).getReturnType();
                    return MethodHandles.publicLookup().findVirtual(i, name, type.changeReturnType(returned))
                            .asType(type.insertParameterTypes(0, Object.class));
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // below: nothing found
            }
            MethodHandle none = MethodHandles.constant(Object.class, null);
            return MethodHandles.dropArguments(none, 0, type.insertParameterTypes(0, Object.class).parameterArray());
        }

        private Class<?> find(Class<?> c) {
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                if (k.getName().equals(owner)) {
                    return k;
                }
                for (Class<?> i : k.getInterfaces()) {
                    Class<?> found = i.getName().equals(owner) ? i : find(i);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
    }

    /** The provider's {@code channelPools} map and its keys' {@code holder} address; none when absent. */
    private static final ClassValue<MethodHandle[]> POOL_MAP = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            try {
                Class<?> base = type;
                while (base != null && !base.getName().equals("reactor.netty.resources.PooledConnectionProvider")) {
                    base = base.getSuperclass();
                }
                if (base == null) {
                    return new MethodHandle[0];
                }
                Class<?> key = Class.forName(base.getName() + "$PoolKey", false, base.getClassLoader());
                Field pools = base.getDeclaredField("channelPools");
                Field holder = key.getDeclaredField("holder");
                MethodType get = MethodType.methodType(Object.class, Object.class);
                return new MethodHandle[] {
                        MethodHandles.privateLookupIn(base, MethodHandles.lookup()).unreflectGetter(pools).asType(get),
                        MethodHandles.privateLookupIn(key, MethodHandles.lookup()).unreflectGetter(holder).asType(get)};
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return new MethodHandle[0];
            }
        }
    };

    /** {@code PooledRef.poolable()}, public API of the reactor-pool copy Reactor Netty carries. */
    private static final class PoolableGetter extends ClassValue<MethodHandle> {
        static final PoolableGetter INSTANCE = new PoolableGetter();

        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    for (Class<?> i : c.getInterfaces()) {
                        if (i.getName().endsWith(".pool.PooledRef")) {
                            return MethodHandles.publicLookup().findVirtual(i, "poolable",
                                    MethodType.methodType(Object.class)).asType(
                                    MethodType.methodType(Object.class, Object.class));
                        }
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // below: no connection is ever marked held
            }
            return MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, Object.class);
        }
    }
}
