package dev.portguard.agent.internal.clients.jdkhttp;

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
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code java.net.http.HttpClient}: each client (its internal {@code HttpClientImpl}) is one pool. A send is a
 * request holding a connection until its response completes; a new {@code PlainHttpConnection} is a new TCP
 * connection (HTTPS and HTTP/2 connections are built on one too). Public JDK types are read, and two fields of a
 * send, to count each redirect or retry it follows.
 */
public final class JdkHttpClients {
    /** The fix for each finding in the JDK client's own API. */
    static final ClientKind KIND = ClientKind.of("jdk-httpclient", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one java.net.http.HttpClient (HttpClient.newBuilder()...build()) and share it: each client has"
                    + " its own connection pool and selector thread.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one java.net.http.HttpClient and read or discard every response body so the connection returns"
                    + " to its pool; check -Djdk.httpclient.keepalive.timeout."));
    /** Where the JDK keeps the client's implementation; opened to the agent only (see JdkModules). */
    public static final String INTERNAL_PACKAGE = "jdk.internal.net.http";

    private final PortGuard guard;
    private final WeakIdentityMap<Object, ClientPool> pools = new WeakIdentityMap<>();
    /** For clients built with a proxy: by proxy {@code host:port}, the target last sent through it. */
    private final WeakIdentityMap<Object, Map<String, PoolDestination>> proxied = new WeakIdentityMap<>();

    private final SharedJdkClients shared;
    private final JdkLeases leases = new JdkLeases();
    private final JdkCloses closes = new JdkCloses();

    public JdkHttpClients(PortGuard guard) {
        this.guard = guard;
        this.shared = new SharedJdkClients(guard);
    }

    /** In mitigate mode, the client to hand out instead of building one from {@code builder}; else null. */
    public HttpClient building(Object builder) throws Throwable {
        return shared.building(builder);
    }

    public void created(Object client) {
        pools.computeIfAbsent(client, c -> guard.newPool(KIND, PoolSettings.UNKNOWN_SETTINGS));
    }

    public PoolDestination requestStarting(Object client, Object request) {
        ClientPool pool = pools.get(client);
        if (pool == null || !(request instanceof HttpRequest r)) {
            return null;
        }
        URI uri = r.uri();
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        PoolDestination d = pool.destination(host, port);
        rememberProxy(client, uri, d);
        d.requestStarted();
        d.connectionAcquired();
        leases.sendStarting(d);
        return d;
    }

    /**
     * A client with a proxy opens its connections to the proxy, not to the request's target. The finding belongs to
     * the target the code asked for, so the connection is counted there; the ports it spends go toward the proxy,
     * which is the address the headroom probe must count. Only clients built with {@code proxy(...)} pay for this.
     */
    private void rememberProxy(Object client, URI uri, PoolDestination target) {
        if (!(client instanceof HttpClient http)) {
            return;
        }
        Optional<ProxySelector> selector = http.proxy();
        if (selector.isEmpty()) {
            return;
        }
        for (Proxy proxy : selector.get().select(uri)) {
            if (proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress a) {
                proxied.computeIfAbsent(client, c -> new ConcurrentHashMap<>(2))
                        .put(a.getHostString() + ":" + a.getPort(), target);
                return;
            }
        }
    }

    public void requestSent(Object token, Object response, Throwable failure) {
        PoolDestination d = (PoolDestination) token;
        Object send = leases.sendStarted();
        if (failure == null && response instanceof CompletableFuture<?> future) {
            future.whenComplete((r, t) -> {
                spoke(d, r);
                d.connectionReleased();
                leases.responded(d, send, r, t);
            });
        } else {
            d.connectionReleased();
            if (send != null) {
                d.leaseEnded(send);
            }
        }
    }

    /**
     * The protocol the response came over, for its destination. The JDK picks it per connection (ALPN over TLS, an
     * {@code Upgrade: h2c} over cleartext when the client asks for HTTP/2, which a server may ignore), and every
     * response says which one it got: read from public API once per send, a read and out once known. A response
     * after a redirect came from elsewhere and is left out.
     */
    private static void spoke(PoolDestination d, Object response) {
        if (response instanceof HttpResponse<?> r && r.previousResponse().isEmpty()) {
            d.protocolUsed(r.version() == HttpClient.Version.HTTP_1_1 ? Protocol.HTTP_1_1
                    : "https".equalsIgnoreCase(r.uri().getScheme()) ? Protocol.H2 : Protocol.H2C);
        }
    }

    /**
     * An exchange of a send was created. The first is created while its send is being set up, before the send
     * holds it ({@code MultiExchange.exchange} still null): its request was counted at the send. Each later one is
     * a redirect or a retry, which the server sees as another request: counted toward the host it goes to.
     */
    public void exchangeCreated(Object request, Object multiExchange) throws Throwable {
        if (!(request instanceof HttpRequest r) || multiExchange == null) {
            return;
        }
        MethodHandle[] fields = SEND_FIELDS.get(multiExchange.getClass());
        if (fields.length == 0) {
            return; // a JDK whose sends look otherwise
        }
        if (fields[0].invoke(multiExchange) == null) {
            leases.firstExchange(multiExchange); // made inside the code's sendAsync, on its thread
            return;
        }
        PoolDestination d = destinationOf(fields[1].invoke(multiExchange), r);
        if (d != null) {
            d.requestStarted();
        }
    }

    /** The destination {@code client}'s pool counts {@code request} toward, or null. */
    private PoolDestination destinationOf(Object client, HttpRequest request) {
        ClientPool pool = client == null ? null : pools.get(client);
        URI uri = request.uri();
        if (pool == null || uri.getHost() == null) {
            return null;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return pool.destination(uri.getHost(), port);
    }

    /**
     * An HTTP/1.1 exchange ({@code http1Exchange}, of the send's {@code exchange}) took its connection: the send's
     * lease is now that connection's, until it goes back to the pool or is closed.
     */
    public void http1Exchange(Object http1Exchange, Object exchange) throws Throwable {
        if (http1Exchange == null || exchange == null) {
            return;
        }
        Object send = JdkLeases.sendOf(exchange);
        MethodHandle[] fields = send == null ? new MethodHandle[0] : SEND_FIELDS.get(send.getClass());
        Object request = JdkLeases.requestOf(exchange);
        if (fields.length == 0 || !(request instanceof HttpRequest r)) {
            return;
        }
        leases.http1Exchange(http1Exchange, send, destinationOf(fields[1].invoke(send), r));
    }

    /** Body bytes reached the response {@code bodyReader} parses: its send is reading. */
    public void bodyReceived(Object bodyReader) throws Throwable {
        leases.bodyReceived(bodyReader);
    }

    /** An HTTP/1.1 {@code connection} went back to its pool or was closed. */
    public void connectionDone(Object connection) {
        leases.connectionDone(connection);
    }

    /** A send's ({@code MultiExchange}) current exchange and client getters; none when they cannot be read. */
    private static final ClassValue<MethodHandle[]> SEND_FIELDS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                java.lang.reflect.Field exchange = type.getDeclaredField("exchange");
                java.lang.reflect.Field client = type.getDeclaredField("client");
                return new MethodHandle[] {
                        lookup.unreflectGetter(exchange).asType(MethodType.methodType(Object.class, Object.class)),
                        lookup.unreflectGetter(client).asType(MethodType.methodType(Object.class, Object.class))};
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new MethodHandle[0];
            }
        }
    };

    /** A TCP {@code connection} closes: its send's lease ends, and the connection is closed. */
    public void connectionClosing(Object connection) throws Throwable {
        leases.connectionDone(connection);
        closes.closing(connection);
    }

    public void connectionOpening(Object client, Object address, Object connection) {
        ClientPool pool = pools.get(client);
        if (pool == null || !(address instanceof InetSocketAddress a)) {
            return;
        }
        // getHostString never resolves: it is the name the request's URI carried, so counts meet the requests'.
        Map<String, PoolDestination> viaProxy = proxied.get(client);
        PoolDestination target = viaProxy == null ? null : viaProxy.get(a.getHostString() + ":" + a.getPort());
        if (target != null) {
            // The target's addresses now include the proxy's: its headroom is judged on the ports spent toward it.
            target.connecting(a);
            target.connectionOpened();
            closes.opened(connection, target);
            return;
        }
        PoolDestination d = pool.destination(a.getHostString(), a.getPort());
        d.connecting(a);
        d.connectionOpened();
        closes.opened(connection, d);
    }
}
