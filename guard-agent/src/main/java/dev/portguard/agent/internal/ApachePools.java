package dev.portguard.agent.internal;

import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;

import java.lang.reflect.Method;

/**
 * Apache HttpClient 4.5 and 5.x (classic and async), seen from their pooling connection managers: a manager is a
 * pool; {@code lease} is a request taking a connection; {@code connect} opens a new one (the managers call it
 * only when the leased connection is not yet connected); {@code release} gives it back.
 */
final class ApachePools {
    private final PortGuard guard;
    private final WeakIdentityMap<Object, ClientPool> pools = new WeakIdentityMap<>();

    ApachePools(PortGuard guard) {
        this.guard = guard;
    }

    /** Constructors chain, so this runs once per constructor of the chain; only the first registers. */
    void created(Object manager, ClientKind kind) {
        pools.computeIfAbsent(manager, m -> guard.newPool(kind, settingsOf(m)));
    }

    void leased(Object manager, Object route) throws ReflectiveOperationException {
        PoolDestination d = destination(manager, route);
        if (d != null) {
            d.requestStarted();
            d.connectionAcquired();
        }
    }

    void connected(Object manager, Object routeOrEndpoint, Throwable failure) throws ReflectiveOperationException {
        PoolDestination d = destination(manager, routeOrEndpoint);
        if (d == null) {
            return;
        }
        if (failure == null) {
            d.connectionOpened();
        } else {
            d.connectFailed(failure);
        }
    }

    void released(Object manager, Object endpoint) throws ReflectiveOperationException {
        PoolDestination d = destination(manager, endpoint);
        if (d != null) {
            d.connectionReleased();
        }
    }

    private PoolDestination destination(Object manager, Object routeOrEndpoint) throws ReflectiveOperationException {
        ClientPool pool = pools.get(manager);
        if (pool == null) {
            return null;
        }
        ApacheRoutes.Target t = ApacheRoutes.of(routeOrEndpoint);
        return t == null ? null : pool.destination(t.host(), t.port());
    }

    /** Both generations answer {@code getDefaultMaxPerRoute()} and {@code getMaxTotal()}; read once per pool. */
    private static PoolSettings settingsOf(Object manager) {
        try {
            int perRoute = (Integer) publicGetter(manager, "getDefaultMaxPerRoute").invoke(manager);
            int total = (Integer) publicGetter(manager, "getMaxTotal").invoke(manager);
            return new PoolSettings(PoolSettings.UNKNOWN, perRoute, total, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return PoolSettings.UNKNOWN_SETTINGS;
        }
    }

    private static Method publicGetter(Object target, String name) throws NoSuchMethodException {
        return target.getClass().getMethod(name);
    }
}
