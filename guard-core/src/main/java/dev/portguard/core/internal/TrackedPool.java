package dev.portguard.core.internal;

import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;

import java.util.concurrent.atomic.AtomicInteger;

/** The ledger's side of one client pool. Held by the client integration, so it dies with the client. */
final class TrackedPool implements ClientPool {
    final Ledger ledger;
    final ClientKind kind;
    final PoolSettings settings;
    final SiteStats site;
    final Counts counts = new Counts();
    final AtomicInteger inUse = new AtomicInteger();
    final AtomicInteger peakInUse = new AtomicInteger();
    private final DestinationTable<TrackedRoute> routes;

    TrackedPool(Ledger ledger, ClientKind kind, PoolSettings settings, SiteStats site, int maxDestinations) {
        this.ledger = ledger;
        this.kind = kind;
        this.settings = settings;
        this.site = site;
        this.routes = new DestinationTable<>(maxDestinations, key -> {
            SiteRoute siteRoute = site.routes.get(Destinations.host(key), Math.max(0, Destinations.port(key)));
            siteRoute.poolsUsed.incrementAndGet();
            return new TrackedRoute(this, siteRoute);
        });
    }

    @Override
    public PoolDestination destination(String host, int port) {
        return routes.get(host, port);
    }

    @Override
    public String site() {
        return site.site;
    }

    @Override
    public ClientKind kind() {
        return kind;
    }

    @Override
    public PoolSettings settings() {
        return settings;
    }

    void reset() {
        counts.reset();
        peakInUse.set(inUse.get());
    }

    void acquired() {
        int now = inUse.incrementAndGet();
        int peak;
        while (now > (peak = peakInUse.get()) && !peakInUse.compareAndSet(peak, now)) {
            // another thread moved the peak; look again
        }
    }

    void released() {
        inUse.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }
}
