package dev.portguard.httpclient5.internal;

import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.Endpoints;
import dev.portguard.core.spi.PoolDestination;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;

/**
 * The destination of a route: its target {@code host:port}, the name the user's code asked for. Only host and
 * port are read, never a path or user info.
 */
public final class Routes {
    private Routes() {
    }

    /**
     * The pool's counters toward the route's target, or {@code null} when the route names none or cannot be read:
     * such a request is not counted, and never failed.
     */
    public static PoolDestination destination(ClientPool pool, HttpRoute route) {
        try {
            return destinationOf(pool, route);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static PoolDestination destinationOf(ClientPool pool, HttpRoute route) {
        if (route == null) {
            return null;
        }
        HttpHost target = route.getTargetHost();
        if (target == null) {
            return null;
        }
        return pool.destination(target.getHostName(), Endpoints.portOrDefault(target.getPort(), target.getSchemeName()));
    }
}
