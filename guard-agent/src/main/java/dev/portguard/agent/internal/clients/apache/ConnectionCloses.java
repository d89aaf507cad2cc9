package dev.portguard.agent.internal.clients.apache;

import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The closes of HttpClient 5's pooled connections (classic and async), and who closed first. A pool entry holds
 * one connection at a time; every way the pool lets one go (the client or its pool closing, idle or expired
 * eviction, a stale or closed connection found at lease, a connection not kept after its exchange, an error) ends
 * in the entry's {@code discardConnection}, which hands its connection over once: that is the close, counted once
 * for a connection the guard saw opened.
 *
 * <p>Who closed first, for the TIME_WAIT it leaves: the server, when the connection's stale check (classic) read its
 * end of stream, when the last response said the server closes it ({@code Connection: close}), or when an async
 * connection was closed already, its I/O reactor having read the server's end of stream, while the client was not
 * closing; otherwise the client. A classic connection the server closed while it sat idle, then closed by the pool
 * without checking it (the client closing, idle eviction), is counted as the client's: the blocking client cannot
 * know without reading from it.
 */
public final class ConnectionCloses {
    private final ApacheManagers managers;
    /** Pool entries holding a connection the guard counted as opened, until the entry lets it go. */
    private final WeakIdentityMap<Object, Open> open = new WeakIdentityMap<>();
    /** Per manager, its entries holding an open connection: what a closing async client closes. */
    private final WeakIdentityMap<Object, Set<Open>> byManager = new WeakIdentityMap<>();
    /** Connections whose last response said the server closes them after it. */
    private final WeakIdentityMap<Object, Boolean> serverCloses = new WeakIdentityMap<>();
    /** Whether any HttpClient 5 pool connected yet: until then, HttpCore's own connections are none of the guard's. */
    private volatile boolean anyOpened;

    ConnectionCloses(ApacheManagers managers) {
        this.managers = managers;
    }

    /** {@code entry} of {@code manager} now holds a connection counted as opened toward {@code destination}. */
    void opened(Object manager, Object entry, PoolDestination destination, boolean async) {
        if (entry == null) {
            return;
        }
        Set<Open> ofManager = byManager.computeIfAbsent(manager, m -> ConcurrentHashMap.newKeySet());
        Open o = new Open(destination, entry, async, ofManager);
        Open before = open.get(entry);
        if (before != null) {
            before.ofManager.remove(before); // an entry connected again before the guard saw it let go
        }
        open.put(entry, o);
        ofManager.add(o);
        anyOpened = true;
    }

    /** Whether any HttpClient 5 pool connected yet (HttpCore's own connections are none of the guard's). */
    boolean counting() {
        return anyOpened;
    }

    /** {@code entry} lets its connection go (closing it): the connection is closed. */
    public void discarding(Object entry) {
        if (open.get(entry) == null) {
            return;
        }
        ApacheLibrary library = managers.library(entry.getClass());
        Object connection = library == null ? null : library.connectionOf(entry);
        Open o = open.remove(entry);
        if (o == null) {
            return; // another thread discards it at the same time, and counts it
        }
        o.ofManager.remove(o);
        if (connection == null) {
            return; // its async connect failed: nothing was opened to close
        }
        boolean stale = ApacheManagers.staleChecked(connection);
        boolean byServer = serverCloses.remove(connection) != null || stale
                || (o.async && !o.closingByClient && !library.isOpen(connection));
        o.destination.connectionClosed(byServer ? ClosedBy.SERVER : ClosedBy.CLIENT);
    }

    /** A classic connection read the head of {@code response}. */
    public void responded(Object connection, Object response) {
        if (!anyOpened || connection == null || response == null) {
            return;
        }
        ApacheLibrary library = managers.library(connection.getClass());
        if (library != null && library.serverCloses(response)) {
            serverCloses.put(connection, Boolean.TRUE);
        }
    }

    /**
     * An async {@code client} is closing: its I/O reactor closes every connection still open, before its pool lets
     * them go. One the server closed already is not open any more.
     */
    public void clientClosing(Object client) throws IllegalAccessException {
        Field field = MANAGER_FIELD.get(client.getClass());
        Object manager = field == null ? null : field.get(client);
        Set<Open> entries = manager == null ? null : byManager.get(manager);
        if (entries == null) {
            return;
        }
        for (Open o : entries) {
            Object entry = o.entry.get();
            if (entry == null) {
                entries.remove(o); // dropped by its pool without a discard the guard saw
                continue;
            }
            ApacheLibrary library = entry == null ? null : managers.library(entry.getClass());
            Object connection = library == null ? null : library.connectionOf(entry);
            if (connection != null && library.isOpen(connection)) {
                o.closingByClient = true;
            }
        }
    }

    /** A connection counted as opened; the entry is held weakly (an entry may reach its manager). */
    private static final class Open {
        final PoolDestination destination;
        final WeakReference<Object> entry;
        final boolean async;
        final Set<Open> ofManager;
        volatile boolean closingByClient;

        Open(PoolDestination destination, Object entry, boolean async, Set<Open> ofManager) {
            this.destination = destination;
            this.entry = new WeakReference<>(entry);
            this.async = async;
            this.ofManager = ofManager;
        }
    }

    /** The async clients' {@code manager} field (InternalHttpAsyncClient, MinimalHttpAsyncClient); null if none. */
    private static final ClassValue<Field> MANAGER_FIELD = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField("manager");
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException | RuntimeException e) {
                    // look in the superclass
                }
            }
            return null;
        }
    };
}
