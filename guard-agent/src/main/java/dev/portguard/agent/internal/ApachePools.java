package dev.portguard.agent.internal;

import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.CallSites;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.KeepAliveRefusal;
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
    private final WeakIdentityMap<Object, Created> created = new WeakIdentityMap<>();
    private final WeakIdentityMap<Object, ClientPool> pools = new WeakIdentityMap<>();

    /** A manager seen being built: its client and the line that built it, until its first lease. */
    private record Created(ClientKind kind, String site) {
    }

    ApachePools(PortGuard guard) {
        this.guard = guard;
    }

    /**
     * Constructors chain, so this runs once per constructor of the chain; only the first registers. The site is
     * taken now, on the thread that builds the manager; its pool sizes are read at the first lease, because the
     * managers' builders set them after construction.
     */
    void created(Object manager, ClientKind kind) {
        created.computeIfAbsent(manager, m -> new Created(kind, CallSites.capture()));
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

    /**
     * HttpClient 5 gives a connection up (keep-alive off either way, or a reuse strategy that keeps none) by
     * releasing it with {@code TimeValue.ZERO_MILLISECONDS}; anything else goes back to the pool. The headers are not
     * seen from here, so the refusal says only that the connection was not kept.
     */
    void released(Object manager, Object endpoint, Object keepAlive) throws ReflectiveOperationException {
        PoolDestination d = destination(manager, endpoint);
        if (d != null) {
            if (keepAlive != null && keepAlive == ZERO_KEEP_ALIVE.get(keepAlive.getClass())) {
                d.keepAliveRefused(KeepAliveRefusal.NOT_KEPT);
            }
            d.connectionReleased();
        }
    }

    /** {@code TimeValue.ZERO_MILLISECONDS} of each TimeValue class seen (one per class loader), read once. */
    private static final ClassValue<Object> ZERO_KEEP_ALIVE = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return type.getField("ZERO_MILLISECONDS").get(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new Object(); // matches nothing
            }
        }
    };

    private PoolDestination destination(Object manager, Object routeOrEndpoint) throws ReflectiveOperationException {
        ClientPool pool = pools.get(manager);
        if (pool == null) {
            Created c = created.get(manager);
            if (c == null) {
                return null;
            }
            pool = pools.computeIfAbsent(manager, m -> guard.integration().newPool(c.kind(), settingsOf(m), c.site()));
            created.remove(manager);
        }
        ApacheRoutes.Target t = ApacheRoutes.of(routeOrEndpoint);
        return t == null ? null : pool.destination(t.host(), t.port());
    }

    /**
     * Both generations answer {@code getDefaultMaxPerRoute()} and {@code getMaxTotal()}; read once per pool. As
     * guard-httpclient5 says: an Apache pool keeps every connection it may hold, so that is its idle limit too.
     */
    private static PoolSettings settingsOf(Object manager) {
        try {
            int perRoute = (Integer) publicGetter(manager, "getDefaultMaxPerRoute").invoke(manager);
            int total = (Integer) publicGetter(manager, "getMaxTotal").invoke(manager);
            return new PoolSettings(Math.min(perRoute, total), perRoute, total, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return PoolSettings.UNKNOWN_SETTINGS;
        }
    }

    private static Method publicGetter(Object target, String name) throws NoSuchMethodException {
        return target.getClass().getMethod(name);
    }
}
