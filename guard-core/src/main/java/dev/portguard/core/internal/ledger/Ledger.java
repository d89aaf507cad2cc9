package dev.portguard.core.internal.ledger;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.PoolSiteCounts;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PoolCounts;
import dev.portguard.core.internal.detect.Detection;
import dev.portguard.core.internal.headroom.PortHooks;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.Endpoints;
import dev.portguard.core.spi.PoolSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The counts, kept by destination, by code site and by pool. Client hooks feed it through {@link ClientPool}; it
 * hands each route whose connections opened moved to {@link Detection}, and the hooks' port questions to
 * {@link PortHooks}. It decides nothing itself.
 */
public final class Ledger {
    private final GuardConfig config;
    private final DestinationIndex destinations;
    private final Detection detection;
    private final PortHooks ports;
    private final ConcurrentHashMap<String, SiteStats> sites = new ConcurrentHashMap<>();
    private final PoolRegistry pools;
    private final RouteBudget siteRoutes;
    private final RouteBudget poolRoutes;
    private final long windowNanos;
    private final CopyOnWriteArrayList<Runnable> shapeListeners = new CopyOnWriteArrayList<>();
    private final LeaseTracking leases;

    public Ledger(GuardConfig config, DestinationIndex destinations, Detection detection, PortHooks ports) {
        this(config, destinations, detection, ports, () -> { });
    }

    /**
     * @param leasesTracked run once, when the first lease table is made: the leak detector starts looking then (a
     *                      guard whose clients never tell their leases costs no look)
     */
    public Ledger(GuardConfig config, DestinationIndex destinations, Detection detection, PortHooks ports,
                  Runnable leasesTracked) {
        this.leases = config.leakDetect() ? new LeaseTracking(config, leasesTracked) : null;
        this.config = config;
        this.destinations = destinations;
        this.detection = detection;
        this.ports = ports;
        this.siteRoutes = new RouteBudget(config.maxRoutes());
        this.poolRoutes = new RouteBudget(config.maxRoutes());
        this.pools = new PoolRegistry(config.maxPools(), poolRoutes);
        this.windowNanos = config.newClientWindow().toNanos();
    }

    /** A new pool created at {@code site}; pool creation is rare, so this may allocate and lock. */
    public ClientPool newPool(ClientKind kind, PoolSettings settings, String site) {
        SiteStats siteStats = siteStats(site, kind);
        siteStats.poolCreated(System.nanoTime(), windowNanos);
        TrackedPool pool = new TrackedPool(kind, settings == null ? PoolSettings.UNKNOWN_SETTINGS : settings,
                siteStats, config.maxDestinations(), poolRoutes, detection, ports, leases);
        pools.add(pool);
        ports.poolCreated();
        return pool;
    }

    private SiteStats siteStats(String site, ClientKind kind) {
        String key = site == null ? "unknown" : site;
        SiteStats existing = sites.get(key);
        if (existing != null) {
            return existing;
        }
        if (sites.size() >= config.maxSites()) {
            key = Endpoints.OTHER;
        }
        boolean[] created = {false};
        SiteStats stats = sites.computeIfAbsent(key, k -> {
            created[0] = true;
            return new SiteStats(k, kind, config.newClientThreshold(), config.maxDestinations(), siteRoutes,
                    destinations::stats, this::shapeChanged);
        });
        if (created[0]) {
            shapeChanged();
        }
        return stats;
    }

    /**
     * Tells {@code listener} when a site or a (site, destination) pair is first counted: rare (bounded by the
     * caps), never per request. Metrics binders register meters then.
     */
    public void addShapeListener(Runnable listener) {
        shapeListeners.add(listener);
    }

    public void removeShapeListener(Runnable listener) {
        shapeListeners.remove(listener);
    }

    private void shapeChanged() {
        for (Runnable listener : shapeListeners) {
            try {
                listener.run();
            } catch (RuntimeException | LinkageError e) {
                // a metrics binder's trouble must not reach the application's thread that created the pool
            }
        }
    }

    /** Every lease table (one per site and destination that leased with tracking), for the leak detector. */
    public List<? extends dev.portguard.core.internal.detect.LeaseView> leases() {
        return leases == null ? List.of() : leases.tables();
    }

    /** Every destination with its live counters, for metrics (the overflow bucket included). */
    public List<TrafficView.Destination> trafficByDestination() {
        List<TrafficView.Destination> list = new ArrayList<>();
        for (DestinationStats d : destinationStats()) {
            list.add(new TrafficView.Destination(d.destination, d.counts, d, tellsConnectionState(d)));
        }
        return list;
    }

    private List<DestinationStats> destinationStats() {
        List<DestinationStats> list = new ArrayList<>();
        for (Map.Entry<String, DestinationStats> e : destinations.entries()) {
            list.add(e.getValue());
        }
        return list;
    }

    private static boolean tellsConnectionState(DestinationStats d) {
        List<SiteRoute> routes = d.routes();
        if (routes.isEmpty() || routes.size() >= DestinationStats.MAX_LISTED_ROUTES) {
            return false; // a route not listed may be of a client that does not tell
        }
        for (SiteRoute route : routes) {
            if (!TrafficView.TELLS_CONNECTION_STATE.contains(route.site.kind.name())) {
                return false;
            }
        }
        return true;
    }

    /** Every site with its pairs' live counters, for metrics. */
    public List<TrafficView.Site> trafficBySite() {
        List<TrafficView.Site> list = new ArrayList<>();
        for (SiteStats s : sites.values()) {
            List<TrafficView.Route> routes = new ArrayList<>();
            for (SiteRoute r : s.routes.values()) {
                routes.add(new TrafficView.Route(s.site, r.destination.destination, r.counts));
            }
            list.add(new TrafficView.Site(s.site, s.kind.name(), s.poolsCreated::get, routes));
        }
        return list;
    }

    /** One destination's counts, without building a whole snapshot. */
    public Optional<DestinationCounts> destinationCounts(String destination) {
        DestinationStats d = destinations.get(destination);
        return d == null ? Optional.empty() : Optional.of(counts(destination, d));
    }

    private static DestinationCounts counts(String destination, DestinationStats d) {
        Counts c = d.counts;
        return new DestinationCounts(destination, c.requests(), c.opened(), c.reused(), c.closed(),
                c.closedByClient(), c.connectFailures(), c.connectTimeouts(), c.keepAliveRefusals(), d.protocols());
    }

    /**
     * Forgets every count in place: clients keep their hooks and simply count from zero. For test harnesses
     * between tests; events racing with the reset may land on either side of it.
     */
    public void reset() {
        for (DestinationStats d : destinations.destinations()) {
            d.counts.reset();
        }
        for (SiteStats s : sites.values()) {
            s.reset();
        }
        pools.forEachLive(TrackedPool::reset);
    }

    /** The traffic of {@code site} as it stands (zeros for a site not counted): for mitigation, once per site. */
    public SiteTraffic siteTraffic(String site) {
        SiteStats s = site == null ? null : sites.get(site);
        return s == null ? SiteTraffic.NONE : s.traffic();
    }

    /** Per creation site: pools created, still alive, and gone; busiest creator first. */
    public List<PoolSiteCounts> poolSites() {
        Map<SiteStats, Long> live = new java.util.IdentityHashMap<>();
        for (TrackedPool p : pools.live()) {
            live.merge(p.site, 1L, Long::sum);
        }
        List<PoolSiteCounts> list = new ArrayList<>();
        for (SiteStats s : sites.values()) {
            long alive = live.getOrDefault(s, 0L);
            long created = Math.max(s.poolsCreated.get(), alive); // pools from before a reset are still alive
            if (created == 0) {
                continue;
            }
            list.add(new PoolSiteCounts(s.kind.name(), s.site, created, alive, created - alive));
        }
        list.sort((a, b) -> Long.compare(b.created(), a.created()));
        return list;
    }

    public List<DestinationCounts> destinations() {
        List<DestinationCounts> list = new ArrayList<>();
        for (Map.Entry<String, DestinationStats> e : destinations.entries()) {
            Counts c = e.getValue().counts;
            if (c.requests() == 0 && c.opened() == 0 && c.connectFailures() == 0) {
                continue; // known but idle since the last reset
            }
            list.add(counts(e.getKey(), e.getValue()));
        }
        list.sort((a, b) -> Long.compare(b.requests(), a.requests()));
        return list;
    }

    public List<PoolCounts> pools() {
        List<PoolCounts> list = new ArrayList<>();
        for (TrackedPool p : pools.live()) {
            Counts c = p.counts;
            list.add(new PoolCounts(p.kind.name(), p.site.site, p.settings.maxIdle(), c.requests(), c.opened(),
                    c.reused(), p.inUse.get(), p.peakInUse.get()));
        }
        return list;
    }
}
