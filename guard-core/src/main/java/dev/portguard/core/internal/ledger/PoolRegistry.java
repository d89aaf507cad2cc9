package dev.portguard.core.internal.ledger;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live pools for snapshots, held weakly so a client thrown away is still collected, and at most {@code max} of
 * them: their counts are kept by site and destination anyway, this list only names them.
 */
final class PoolRegistry {
    private final ConcurrentLinkedQueue<WeakReference<TrackedPool>> pools = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int max;

    PoolRegistry(int max) {
        this.max = max;
    }

    void add(TrackedPool pool) {
        if (size.get() >= max) {
            purge();
            if (size.get() >= max) {
                return;
            }
        }
        pools.add(new WeakReference<>(pool));
        size.incrementAndGet();
    }

    List<TrackedPool> live() {
        List<TrackedPool> live = new ArrayList<>();
        for (WeakReference<TrackedPool> ref : pools) {
            TrackedPool pool = ref.get();
            if (pool != null) {
                live.add(pool);
            }
        }
        return live;
    }

    private synchronized void purge() {
        for (Iterator<WeakReference<TrackedPool>> it = pools.iterator(); it.hasNext(); ) {
            if (it.next().get() == null) {
                it.remove();
                size.decrementAndGet();
            }
        }
    }
}
