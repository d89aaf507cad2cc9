package dev.portguard.core.internal.ledger;

import dev.portguard.core.spi.ClientKind;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** One code site that creates client pools, and its traffic per destination. */
final class SiteStats {
    final String site;
    final ClientKind kind;
    final AtomicLong poolsCreated = new AtomicLong();
    final DestinationTable<SiteRoute> routes;
    /** Connections the site's pools have leased now, and the most at once: what one shared pool would hold. */
    final AtomicInteger inUse = new AtomicInteger();
    final AtomicInteger peakInUse = new AtomicInteger();
    /** Set once {@code threshold} pools were created here within the window; read on the request path. */
    volatile boolean createsPoolsInBursts;

    /** The last creation times, slot {@code (n - 1) % length} holding the n-th; written without a lock. */
    private final AtomicLongArray recentCreations;

    SiteStats(String site, ClientKind kind, int burstThreshold, int maxDestinations, RouteBudget budget,
              java.util.function.Function<String, DestinationStats> destinations, Runnable routeAdded) {
        this.site = site;
        this.kind = kind;
        this.recentCreations = new AtomicLongArray(burstThreshold);
        // Site routes are kept for good, so the budget they take is never given back.
        this.routes = new DestinationTable<>(maxDestinations, budget, new AtomicInteger(), key -> {
            SiteRoute route = new SiteRoute(this, destinations.apply(key));
            routeAdded.run();
            return route;
        });
    }

    void reset() {
        poolsCreated.set(0);
        for (int i = 0; i < recentCreations.length(); i++) {
            recentCreations.set(i, 0);
        }
        createsPoolsInBursts = false;
        peakInUse.set(inUse.get());
        for (SiteRoute route : routes.values()) {
            route.reset();
        }
    }

    void acquired() {
        int now = inUse.incrementAndGet();
        int peak;
        while (now > (peak = peakInUse.get()) && !peakInUse.compareAndSet(peak, now)) {
            // another thread raised it; look again
        }
    }

    void released() {
        inUse.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }

    /** The site's traffic summed over its destinations: walks its routes, for rare readers. */
    SiteTraffic traffic() {
        long requests = 0;
        long opened = 0;
        for (SiteRoute route : routes.values()) {
            requests += route.counts.requests();
            opened += route.counts.opened();
        }
        return new SiteTraffic(poolsCreated.get(), requests, opened, peakInUse.get());
    }

    /**
     * Records a pool creation. Lock-free: a program that builds a client per request calls this on every request
     * from all its threads. Threads racing may see a neighbour's slot a moment early or late, which only delays
     * the verdict by a creation or two.
     */
    void poolCreated(long nowNanos, long windowNanos) {
        long n = poolsCreated.incrementAndGet();
        int length = recentCreations.length();
        recentCreations.set((int) ((n - 1) % length), nowNanos);
        if (n >= length && !createsPoolsInBursts) {
            // The ring holds the last N creation times; the slot the next creation overwrites is the oldest of them.
            long oldest = recentCreations.get((int) (n % length));
            if (oldest != 0 && nowNanos - oldest <= windowNanos) {
                createsPoolsInBursts = true;
            }
        }
    }
}
