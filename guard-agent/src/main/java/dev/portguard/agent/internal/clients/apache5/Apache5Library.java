package dev.portguard.agent.internal.clients.apache5;

import dev.portguard.agent.internal.clients.apache.ApacheLibrary;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.httpclient5.internal.ApacheKinds;
import dev.portguard.httpclient5.internal.ApachePools;
import dev.portguard.httpclient5.internal.Routes;
import org.apache.hc.client5.http.HttpRoute;

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
}
