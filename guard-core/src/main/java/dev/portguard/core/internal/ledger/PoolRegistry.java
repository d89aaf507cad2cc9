package dev.portguard.core.internal.ledger;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Live pools, held weakly so a client thrown away is still collected. The collector tells the registry which
 * pools are gone (a reference queue), so forgetting them costs nothing per registered pool, and the route records
 * a gone pool held go back to the budget. Snapshots list at most {@code max} pools: their counts are kept by site
 * and destination anyway. Registering never waits: one thread at a time forgets, the others go on.
 */
final class PoolRegistry {
    /** Forgotten per registration at most, so the thread that happens to forget pays a bounded price. */
    private static final int FORGET_AT_ONCE = 256;

    private final Set<PoolRef> pools = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<TrackedPool> collected = new ReferenceQueue<>();
    private final AtomicBoolean forgetting = new AtomicBoolean();
    private final RouteBudget routes;
    private final int max;

    PoolRegistry(int max, RouteBudget routes) {
        this.max = max;
        this.routes = routes;
    }

    void add(TrackedPool pool) {
        forgetCollected(FORGET_AT_ONCE);
        pools.add(new PoolRef(pool, collected));
    }

    /** Up to {@code max} live pools. */
    List<TrackedPool> live() {
        forgetCollected(Integer.MAX_VALUE);
        List<TrackedPool> live = new ArrayList<>();
        for (PoolRef ref : pools) {
            TrackedPool pool = ref.get();
            if (pool != null) {
                live.add(pool);
                if (live.size() >= max) {
                    break;
                }
            }
        }
        return live;
    }

    /** Every live pool, listed or not. */
    void forEachLive(Consumer<TrackedPool> action) {
        for (PoolRef ref : pools) {
            TrackedPool pool = ref.get();
            if (pool != null) {
                action.accept(pool);
            }
        }
    }

    int size() {
        return pools.size();
    }

    private void forgetCollected(int atMost) {
        if (!forgetting.compareAndSet(false, true)) {
            return; // another thread is at it
        }
        try {
            Reference<? extends TrackedPool> gone;
            for (int i = 0; i < atMost && (gone = collected.poll()) != null; i++) {
                PoolRef ref = (PoolRef) gone;
                if (pools.remove(ref)) {
                    routes.release(ref.routesHeld.get());
                }
            }
        } finally {
            forgetting.set(false);
        }
    }

    /** Identity-compared; keeps the count of the pool's route records, not the pool. */
    private static final class PoolRef extends WeakReference<TrackedPool> {
        final AtomicInteger routesHeld;

        PoolRef(TrackedPool pool, ReferenceQueue<TrackedPool> queue) {
            super(pool, queue);
            this.routesHeld = pool.routesHeld;
        }
    }
}
