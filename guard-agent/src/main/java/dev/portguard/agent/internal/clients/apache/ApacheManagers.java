package dev.portguard.agent.internal.clients.apache;

import dev.portguard.agent.internal.AgentLog;
import dev.portguard.agent.internal.HelperLoader;
import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.CallSites;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.KeepAliveRefusal;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.Protocol;
import dev.portguard.httpclient5.internal.ApacheKinds;

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

    /** HttpClient 5's pooled connections, until each is closed. */
    public final ConnectionCloses closes = new ConnectionCloses(this);

    public ApacheManagers(PortGuard guard) {
        this.guard = guard;
    }

    /** Constructors chain, so this runs once per constructor of the chain; only the first registers. */
    public void created(Object manager, String client) {
        managers.computeIfAbsent(manager, m -> new Manager(client, CallSites.capture()));
    }

    public void leased(Object manager, Object route) {
        PoolDestination d = destination(manager, route);
        Leases leases = LEASES.get();
        leases.asked = d; // the classic clients make the endpoint on this thread, right after
        if (d != null) {
            d.requestStarted();
            d.connectionAcquired();
        }
    }

    /** The endpoint for this thread's lease: its identity is the lease the guard ages, released by the same. */
    public void endpointMade(Object endpoint) {
        Leases leases = LEASES.get();
        PoolDestination d = leases.asked;
        leases.asked = null;
        leases.staleChecked = null;
        if (d == null) {
            return;
        }
        leases.current = d;
        leases.currentEndpoint = endpoint;
        d.leaseStarted(endpoint);
    }

    /**
     * A classic lease checks whether its pooled {@code connection} is stale (read the server's end of stream), then,
     * only when it is, discards it on this thread before the lease's endpoint is made: a discard of the connection
     * checked last on this thread is of a stale one.
     */
    public void staleChecking(Object connection) {
        if (closes.counting()) {
            LEASES.get().staleChecked = connection;
        }
    }

    /** Whether {@code connection} was found stale on this thread by the lease in progress. */
    static boolean staleChecked(Object connection) {
        Leases leases = LEASES.get();
        if (leases.staleChecked == connection) {
            leases.staleChecked = null;
            return true;
        }
        return false;
    }

    /**
     * A response entity read on this thread. Classic clients are read where they were called, so the thread's last
     * lease is the one reading; an entity handed to another thread to read is not seen, and ages.
     */
    public void entityRead() {
        Leases leases = LEASES.get();
        PoolDestination d = leases.current;
        if (d != null) {
            d.leaseProgressed(leases.currentEndpoint);
        }
    }

    private static void ended(Object endpoint) {
        Leases leases = LEASES.get();
        if (leases.currentEndpoint == endpoint) {
            leases.current = null;
            leases.currentEndpoint = null;
        }
    }

    /** Per thread, one holder made once: the lease asked for and the last one made. */
    private static final class Leases {
        PoolDestination asked;
        PoolDestination current;
        Object currentEndpoint;
        /** The classic connection whose stale check ran last, until the lease's endpoint is made. */
        Object staleChecked;
    }

    private static final ThreadLocal<Leases> LEASES = new ThreadLocal<>() {
        @Override
        protected Leases initialValue() {
            return new Leases();
        }
    };

    public void connected(Object manager, Object routeOrEndpoint, Throwable failure)
            throws ReflectiveOperationException {
        PoolDestination d = destination(manager, routeOf(routeOrEndpoint));
        if (d == null) {
            return;
        }
        if (failure == null) {
            d.connectionOpened();
            boolean async = isAsync(manager);
            if (!async) {
                d.protocolUsed(Protocol.HTTP_1_1); // classic clients speak nothing else
            }
            closes.opened(manager, PoolEntries.entryOf(routeOrEndpoint), d, async);
        } else {
            d.connectFailed(failure);
        }
    }

    public void released(Object manager, Object endpoint) throws ReflectiveOperationException {
        PoolDestination d = destination(manager, PoolEntries.routeOf(endpoint));
        ended(endpoint);
        if (d != null) {
            d.connectionReleased(endpoint);
        }
    }

    /**
     * HttpClient 5 gives a connection up (keep-alive off either way, or a reuse strategy that keeps none) by
     * releasing it with {@code TimeValue.ZERO_MILLISECONDS}; anything else goes back to the pool. The headers are not
     * seen from here, so the refusal says only that the connection was not kept.
     */
    public void released(Object manager, Object endpoint, Object keepAlive) throws ReflectiveOperationException {
        ended(endpoint);
        Object entry = PoolEntries.entryOf(endpoint);
        PoolDestination d = destination(manager, PoolEntries.routeOfEntry(entry));
        if (d != null) {
            if (isAsync(manager)) {
                protocolOf(manager, entry, d);
            }
            if (keepAlive != null && keepAlive == ZERO_KEEP_ALIVE.get(keepAlive.getClass())) {
                d.keepAliveRefused(KeepAliveRefusal.NOT_KEPT);
            }
            d.connectionReleased(endpoint);
        }
    }

    /**
     * An async connection is counted when its connect starts, before it knows its protocol (ALPN, or the version
     * policy); by the time an exchange gives it back it does. {@code protocolUsed} is a read once known.
     */
    private void protocolOf(Object manager, Object entry, PoolDestination d) {
        ApacheLibrary library = libraries.get(manager.getClass());
        Protocol protocol = library == null ? null : library.protocol(entry);
        if (protocol != null) {
            d.protocolUsed(protocol);
        }
    }

    private boolean isAsync(Object manager) {
        Manager m = managers.get(manager);
        return m != null && ApacheKinds.ASYNC.name().equals(m.client);
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

    /** The library linked to the generation of {@code type} (a manager, pool entry or connection class); or null. */
    ApacheLibrary library(Class<?> type) {
        return libraries.get(type);
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
