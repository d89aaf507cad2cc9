package dev.portguard.core.internal.ledger;

import dev.portguard.core.spi.ClientKind;

import java.util.concurrent.atomic.AtomicLong;

/** One code site that creates client pools, and its traffic per destination. */
final class SiteStats {
    final String site;
    final ClientKind kind;
    final AtomicLong poolsCreated = new AtomicLong();
    final DestinationTable<SiteRoute> routes;
    /** Set once {@code threshold} pools were created here within the window; read on the request path. */
    volatile boolean createsPoolsInBursts;

    private final long[] recentCreations;
    private int next;

    SiteStats(String site, ClientKind kind, int burstThreshold, int maxDestinations,
              java.util.function.Function<String, DestinationStats> destinations, Runnable routeAdded) {
        this.site = site;
        this.kind = kind;
        this.recentCreations = new long[burstThreshold];
        this.routes = new DestinationTable<>(maxDestinations, key -> {
            SiteRoute route = new SiteRoute(this, destinations.apply(key));
            routeAdded.run();
            return route;
        });
    }

    synchronized void reset() {
        poolsCreated.set(0);
        java.util.Arrays.fill(recentCreations, 0);
        next = 0;
        createsPoolsInBursts = false;
        for (SiteRoute route : routes.values()) {
            route.reset();
        }
    }

    /** Records a pool creation; pool creation is rare enough to take a lock. */
    synchronized void poolCreated(long nowNanos, long windowNanos) {
        poolsCreated.incrementAndGet();
        // The ring holds the last N creation times; the slot about to be overwritten is the oldest of them.
        int n = recentCreations.length;
        recentCreations[next] = nowNanos;
        next = (next + 1) % n;
        if (poolsCreated.get() >= n) {
            long oldest = recentCreations[next];
            if (nowNanos - oldest <= windowNanos) {
                createsPoolsInBursts = true;
            }
        }
    }
}
