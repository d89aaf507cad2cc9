package dev.portguard.agent.internal.clients.apache5;

import dev.portguard.agent.internal.clients.apache.ApacheLibrary;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.core.spi.Protocol;
import dev.portguard.httpclient5.internal.ApacheKinds;
import dev.portguard.httpclient5.internal.ApachePools;
import dev.portguard.httpclient5.internal.Routes;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.pool.PoolEntry;
import org.apache.hc.core5.reactor.ssl.TlsDetails;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;

/**
 * Apache HttpClient 5.x as guard-httpclient5 knows it: the same kinds, pool settings and route destinations as a
 * client wrapped with {@code HttpClient5Guard}, so a client gets the same findings with the agent as without.
 * Defined by a {@code HelperLoader} in each class loader that holds HttpClient 5.
 */
public final class Apache5Library implements ApacheLibrary {
    @Override
    public ClientKind kind(String client) {
        return ApacheKinds.ASYNC.name().equals(client) ? ApacheKinds.ASYNC : ApacheKinds.CLASSIC;
    }

    @Override
    public PoolSettings settings(Object manager) {
        return ApachePools.settings(manager);
    }

    @Override
    public PoolDestination destination(ClientPool pool, Object route) {
        return route instanceof HttpRoute r ? Routes.destination(pool, r) : null;
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
        if (connection instanceof TransportSecurityLayer layer) {
            // 5.1 goes on reporting HTTP/1.1 for a TLS connection ALPN switched to h2: ALPN's word is the one
            TlsDetails tls = layer.getTlsDetails();
            if (tls != null && Protocol.H2.id().equals(tls.getApplicationProtocol())) {
                return Protocol.H2;
            }
        }
        ProtocolVersion version = connection.getProtocolVersion();
        if (version == null) {
            return null;
        }
        if (!version.greaterEquals(HttpVersion.HTTP_2)) {
            return Protocol.HTTP_1_1;
        }
        return entry.getRoute() instanceof HttpRoute r && r.isSecure() ? Protocol.H2 : Protocol.H2C;
    }
}
