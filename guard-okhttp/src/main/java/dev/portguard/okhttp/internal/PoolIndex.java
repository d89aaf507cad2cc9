package dev.portguard.okhttp.internal;

import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientPool;
import okhttp3.ConnectionPool;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One guard pool per OkHttp {@link ConnectionPool} and guard, so clients derived with {@code newBuilder()} share
 * counts and are not mistaken for new clients. Keyed weakly by the OkHttp pool (by identity): a dropped client's
 * entry goes with it, and a guard is kept only while a pool it watches is alive. Consulted when a client is
 * instrumented, never per request.
 *
 * <p>No lock: a program that builds a client per request instruments one on every request, from all its threads.
 * The guard pool is created (its creation site captured) outside the map; two threads instrumenting builders of
 * one OkHttp pool at the same moment both create one, and the second is dropped unused.
 */
public final class PoolIndex {
    private final ConcurrentHashMap<Object, ClientPool> pools = new ConcurrentHashMap<>();
    private final ReferenceQueue<ConnectionPool> collected = new ReferenceQueue<>();
    private final AtomicBoolean forgetting = new AtomicBoolean();

    public ClientPool poolFor(ConnectionPool connectionPool, PortGuard guard,
                              Function<ConnectionPool, ClientPool> create) {
        ClientPool pool = pools.get(new Lookup(connectionPool, guard));
        if (pool != null) {
            return pool;
        }
        forgetCollected();
        ClientPool created = create.apply(connectionPool);
        ClientPool raced = pools.putIfAbsent(new Key(connectionPool, guard, collected), created);
        return raced != null ? raced : created;
    }

    int size() {
        return pools.size();
    }

    private void forgetCollected() {
        if (!forgetting.compareAndSet(false, true)) {
            return;
        }
        try {
            Reference<? extends ConnectionPool> gone;
            for (int i = 0; i < 256 && (gone = collected.poll()) != null; i++) {
                pools.remove(gone);
            }
        } finally {
            forgetting.set(false);
        }
    }

    private static int hash(ConnectionPool pool, PortGuard guard) {
        return 31 * System.identityHashCode(pool) + System.identityHashCode(guard);
    }

    /** The stored key: the OkHttp pool weakly, the guard strongly (while the entry lives). */
    private static final class Key extends WeakReference<ConnectionPool> {
        final PortGuard guard;
        final int hash;

        Key(ConnectionPool pool, PortGuard guard, ReferenceQueue<ConnectionPool> queue) {
            super(pool, queue);
            this.guard = guard;
            this.hash = hash(pool, guard);
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (o instanceof Lookup l) {
                return l.equals(this);
            }
            if (o instanceof Key k) {
                ConnectionPool pool = get();
                return pool != null && pool == k.get() && guard == k.guard;
            }
            return false;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A key for lookups, so a lookup creates no reference object. */
    private record Lookup(ConnectionPool pool, PortGuard guard) {
        @Override
        public boolean equals(Object o) {
            if (o instanceof Key k) {
                return k.get() == pool && k.guard == guard;
            }
            return o instanceof Lookup l && l.pool == pool && l.guard == guard;
        }

        @Override
        public int hashCode() {
            return hash(pool, guard);
        }
    }
}
