package dev.portguard.agent.internal.clients.jdkhttp;

import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code java.net.http.HttpClient}: each client (its internal {@code HttpClientImpl}) is one pool. A send is a
 * request holding a connection until its response completes; a new {@code PlainHttpConnection} is a new TCP
 * connection (HTTPS and HTTP/2 connections are built on one too). Only public JDK types are read here.
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

    private final PortGuard guard;
    private final WeakIdentityMap<Object, ClientPool> pools = new WeakIdentityMap<>();

    public JdkHttpClients(PortGuard guard) {
        this.guard = guard;
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
        d.requestStarted();
        d.connectionAcquired();
        return d;
    }

    public void requestSent(Object token, Object response, Throwable failure) {
        PoolDestination d = (PoolDestination) token;
        if (failure == null && response instanceof CompletableFuture<?> future) {
            future.whenComplete((r, t) -> d.connectionReleased());
        } else {
            d.connectionReleased();
        }
    }

    public void connectionOpening(Object client, Object address) {
        ClientPool pool = pools.get(client);
        if (pool == null || !(address instanceof InetSocketAddress a)) {
            return;
        }
        // getHostString never resolves: it is the name the request's URI carried, so counts meet the requests'.
        PoolDestination d = pool.destination(a.getHostString(), a.getPort());
        d.connecting(a);
        d.connectionOpened();
    }
}
