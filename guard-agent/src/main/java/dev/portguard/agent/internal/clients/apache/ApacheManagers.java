package dev.portguard.agent.internal.clients.apache;

import dev.portguard.agent.internal.AgentLog;
import dev.portguard.agent.internal.HelperLoader;
import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.CallSites;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;

/**
 * Apache HttpClient 4.5 and 5.x (classic and async), seen from their pooling connection managers: a manager is a
 * pool; {@code lease} is a request taking a connection; {@code connect} opens a new one (the managers call it
 * only when the leased connection is not yet connected); {@code release} gives it back.
 *
 * <p>A manager is registered when it is built, with the code that built it as its site, but becomes a pool of the
 * guard at its first lease: its limits ({@code maxTotal}, {@code maxPerRoute}) are set on it after its
 * constructor returns (by its builder or the application), and the churn detector needs them.
 */
public final class ApacheManagers {
    private static final String APACHE5 = "dev.portguard.agent.internal.clients.apache5.Apache5Library";
    private static final String APACHE4 = "dev.portguard.agent.internal.clients.apache4.Apache4Library";

    private final PortGuard guard;
    private final WeakIdentityMap<Object, Manager> managers = new WeakIdentityMap<>();
    private final ClassValue<ApacheLibrary> libraries = new ClassValue<>() {
        @Override
        protected ApacheLibrary computeValue(Class<?> managerClass) {
            return libraryFor(managerClass);
        }
    };

    public ApacheManagers(PortGuard guard) {
        this.guard = guard;
    }

    /** Constructors chain, so this runs once per constructor of the chain; only the first registers. */
    public void created(Object manager, String client) {
        managers.computeIfAbsent(manager, m -> new Manager(client, CallSites.capture()));
    }

    public void leased(Object manager, Object route) {
        PoolDestination d = destination(manager, route);
        if (d != null) {
            d.requestStarted();
            d.connectionAcquired();
        }
    }

    public void connected(Object manager, Object routeOrEndpoint, Throwable failure)
            throws ReflectiveOperationException {
        PoolDestination d = destination(manager, routeOf(routeOrEndpoint));
        if (d == null) {
            return;
        }
        if (failure == null) {
            d.connectionOpened();
        } else {
            d.connectFailed(failure);
        }
    }

    public void released(Object manager, Object endpoint) throws ReflectiveOperationException {
        PoolDestination d = destination(manager, PoolEntries.routeOf(endpoint));
        if (d != null) {
            d.connectionReleased();
        }
    }

    /** 4.5's {@code connect} is given the route; 5.x's the endpoint that holds it. */
    private static Object routeOf(Object routeOrEndpoint) throws ReflectiveOperationException {
        Object route = PoolEntries.routeOf(routeOrEndpoint);
        return route != null ? route : routeOrEndpoint;
    }

    private PoolDestination destination(Object manager, Object route) {
        if (route == null) {
            return null;
        }
        Manager m = managers.get(manager);
        if (m == null) {
            return null;
        }
        ApacheLibrary library = libraries.get(manager.getClass());
        if (library == null) {
            return null;
        }
        return library.destination(m.pool(guard, library, manager), route);
    }

    private static ApacheLibrary libraryFor(Class<?> managerClass) {
        String linked = managerClass.getName().startsWith("org.apache.hc.") ? APACHE5 : APACHE4;
        try {
            return (ApacheLibrary) HelperLoader.linkedTo(managerClass, linked).getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            AgentLog.warn("Apache HttpClient from " + managerClass.getClassLoader() + " cannot be guarded (" + e
                    + "); its clients are not counted");
            return null;
        }
    }

    /** A manager the guard has seen built; its pool is created at its first lease. */
    private static final class Manager {
        private final String client;
        private final String site;
        private volatile ClientPool pool;

        Manager(String client, String site) {
            this.client = client;
            this.site = site;
        }

        ClientPool pool(PortGuard guard, ApacheLibrary library, Object manager) {
            ClientPool p = pool;
            if (p == null) {
                synchronized (this) {
                    p = pool;
                    if (p == null) {
                        p = guard.newPool(library.kind(client), library.settings(manager), site);
                        pool = p;
                    }
                }
            }
            return p;
        }
    }
}
