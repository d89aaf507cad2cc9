package dev.portguard.core.internal.ledger;

import dev.portguard.core.internal.detect.Detection;
import dev.portguard.core.internal.headroom.PortHooks;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.Endpoints;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;

import java.util.concurrent.atomic.AtomicInteger;

/** The ledger's side of one client pool. Held by the client integration, so it dies with the client. */
final class TrackedPool implements ClientPool {
    final ClientKind kind;
    final PoolSettings settings;
    final SiteStats site;
    final Counts counts = new Counts();
    final AtomicInteger inUse = new AtomicInteger();
    final AtomicInteger peakInUse = new AtomicInteger();
    final Detection detection;
    final PortHooks ports;
    /** Route records this pool holds of the shared budget, given back when the pool is collected. */
    final AtomicInteger routesHeld = new AtomicInteger();
    private final DestinationTable<TrackedRoute> routes;

    TrackedPool(ClientKind kind, PoolSettings settings, SiteStats site, int maxDestinations, RouteBudget budget,
                Detection detection, PortHooks ports) {
        this.kind = kind;
        this.settings = settings;
        this.site = site;
        this.detection = detection;
        this.ports = ports;
        this.routes = new DestinationTable<>(maxDestinations, budget, routesHeld, key -> {
            SiteRoute siteRoute = site.routes.get(Endpoints.host(key), Math.max(0, Endpoints.port(key)));
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

    /** True when this acquisition raised the pool's peak concurrency (rare: at most once per concurrent caller). */
    boolean acquired() {
        int now = inUse.incrementAndGet();
        int peak;
        while (now > (peak = peakInUse.get())) {
            if (peakInUse.compareAndSet(peak, now)) {
                return true;
            }
        }
        return false;
    }

    void released() {
        inUse.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }
}
