package dev.portguard.agent.internal.clients.apache4;

import dev.portguard.agent.internal.clients.apache.ApacheLibrary;
import dev.portguard.core.FindingType;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.core.spi.Protocol;
import dev.portguard.httpclient5.internal.ApachePools;
import org.apache.http.HttpHost;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.pool.ConnPoolControl;

import java.util.Map;

/**
 * Apache HttpClient 4.5, which has no integration module: its pool keeps connections as 5.x's does (the settings
 * rule is guard-httpclient5's), and its fixes are named in its own API. Defined by a {@code HelperLoader} in each
 * class loader that holds HttpClient 4.
 */
public final class Apache4Library implements ApacheLibrary {
    static final ClientKind KIND = ClientKind.of("httpclient4", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one CloseableHttpClient (HttpClients.custom()...build(), not HttpClients.createDefault() per"
                    + " call) and share it.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one CloseableHttpClient and consume every entity (EntityUtils.consume) so the connection is"
                    + " released; do not use NoConnectionReuseStrategy.",
            FindingType.KEEP_ALIVE_DISABLED,
            "Remove the 'Connection: close' header and keep DefaultConnectionReuseStrategy.",
            FindingType.POOL_CHURN,
            "Raise HttpClients.custom().setMaxConnTotal (and setMaxConnPerRoute) to the callers' peak concurrency"
                    + " over all routes: a full pool closes idle connections of one route to open connections to"
                    + " another."));

    @Override
    public ClientKind kind(String client) {
        return KIND;
    }

    @Override
    public PoolSettings settings(Object manager) {
        if (!(manager instanceof ConnPoolControl<?> control)) {
            return PoolSettings.UNKNOWN_SETTINGS;
        }
        try {
            return ApachePools.ofLimits(control.getDefaultMaxPerRoute(), control.getMaxTotal());
        } catch (RuntimeException e) {
            return PoolSettings.UNKNOWN_SETTINGS;
        }
    }

    /** 4.5 speaks HTTP/1.1 only. */
    @Override
    public Protocol protocol(Object poolEntry) {
        return Protocol.HTTP_1_1;
    }

    /** 4.5's {@code HttpRoute} carries its target with the scheme's default port filled in. */
    @Override
    public PoolDestination destination(ClientPool pool, Object route) {
        if (!(route instanceof HttpRoute r)) {
            return null;
        }
        HttpHost target = r.getTargetHost();
        if (target == null || target.getHostName() == null || target.getPort() < 0) {
            return null;
        }
        return pool.destination(target.getHostName(), target.getPort());
    }
}
