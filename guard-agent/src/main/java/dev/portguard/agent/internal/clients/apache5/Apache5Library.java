package dev.portguard.agent.internal.clients.apache5;

import dev.portguard.agent.internal.clients.apache.ApacheLibrary;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.core.spi.Protocol;
import dev.portguard.httpclient5.internal.ApacheKinds;
import dev.portguard.httpclient5.internal.ApachePools;
import dev.portguard.httpclient5.internal.ConnectionHeaders;
import dev.portguard.httpclient5.internal.Routes;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.pool.PoolEntry;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;

/**
 * Apache HttpClient 5.x as guard-httpclient5 knows it: the same kinds, pool settings and route destinations as a
 * client wrapped with {@code HttpClient5Guard}, so a client gets the same findings with the agent as without.
 * Defined by a {@code HelperLoader} in each class loader that holds HttpClient 5.
 */
public final class Apache5Library implements ApacheLibrary {
    @Override
    public ClientKind kind(String client) {
        if (ApacheKinds.H2.name().equals(client)) {
            return ApacheKinds.H2;
        }
        return ApacheKinds.ASYNC.name().equals(client) ? ApacheKinds.ASYNC : ApacheKinds.CLASSIC;
    }

    @Override
    public PoolSettings settings(Object manager) {
        return ApachePools.settings(manager);
    }

    @Override
    public PoolDestination destination(ClientPool pool, Object route) {
        if (route instanceof HttpHost target) { // the HTTP/2-only pool of 5.1 is keyed by target
            return Routes.destination(pool, new HttpRoute(target));
        }
        return route instanceof HttpRoute r ? Routes.destination(pool, r) : null;
    }

    /** The HTTP/2-only client speaks nothing else: over TLS whatever ALPN says (it never falls back), h2c otherwise. */
    @Override
    public Protocol http2Protocol(Object routeOrHost) {
        if (routeOrHost instanceof HttpRoute r) {
            return r.isSecure() ? Protocol.H2 : Protocol.H2C;
        }
        if (routeOrHost instanceof HttpHost h) {
            return "https".equalsIgnoreCase(h.getSchemeName()) ? Protocol.H2 : Protocol.H2C;
        }
        return null;
    }

    /**
     * What the connection says it speaks: an async connection switches to HTTP/2 when ALPN picks {@code h2} or the
     * client's version policy forces it (prior knowledge over cleartext, {@code h2c}).
     */
    @Override
    public Protocol protocol(Object poolEntry) {
        if (!(poolEntry instanceof PoolEntry<?, ?> entry)
                || !(entry.getConnection() instanceof HttpConnection connection)) {
            return null;
        }
        ProtocolVersion version = connection.getProtocolVersion();
        boolean http2 = version != null && version.greaterEquals(HttpVersion.HTTP_2);
        if (connection instanceof TransportSecurityLayer layer && layer.getTlsDetails() != null) {
            String alpn = layer.getTlsDetails().getApplicationProtocol();
            if (alpn == null || alpn.isEmpty()) {
                // 5.1 keeps no ALPN result and says HTTP/1.1 of its TLS connections whatever they speak: when the
                // connection does not say HTTP/2 itself, the protocol is left unknown rather than guessed
                return http2 ? Protocol.H2 : null;
            }
            return Protocol.H2.id().equals(alpn) ? Protocol.H2 : Protocol.HTTP_1_1;
        }
        if (version == null) {
            return null;
        }
        if (!http2) {
            return Protocol.HTTP_1_1;
        }
        return entry.getRoute() instanceof HttpRoute r && r.isSecure() ? Protocol.H2 : Protocol.H2C;
    }

    @Override
    public Object connectionOf(Object poolEntry) {
        return poolEntry instanceof PoolEntry<?, ?> entry ? entry.getConnection() : null;
    }

    @Override
    public boolean isOpen(Object connection) {
        return !(connection instanceof HttpConnection c) || c.isOpen();
    }

    @Override
    public boolean serverCloses(Object response) {
        return response instanceof HttpMessage message && ConnectionHeaders.refusal(null, message) != null;
    }
}
