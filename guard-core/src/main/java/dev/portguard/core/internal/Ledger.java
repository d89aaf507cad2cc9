package dev.portguard.core.internal;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.PoolCounts;
import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The counts, kept by destination, by code site and by pool, and the findings made from them. Client hooks feed
 * it through {@link ClientPool}; detectors read it; sinks render what it raised.
 */
public final class Ledger {
    static final String OTHER_SITE = "(other)";

    /** Most specific first: the first that applies names the cause, and the general detector runs only after. */
    private static final List<Detector> SPECIFIC = List.of(
            new NewClientPerRequestDetector(), new KeepAliveDisabledDetector(), new PoolChurnDetector());
    private static final Detector GENERAL = new NewConnectionPerRequestDetector();

    private final GuardConfig config;
    private final FindingSink sink;
    private final ConcurrentHashMap<String, DestinationStats> destinations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SiteStats> sites = new ConcurrentHashMap<>();
    private final java.util.concurrent.CopyOnWriteArrayList<java.util.function.Consumer<String>> destinationListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PoolRegistry pools;
    private final ConcurrentLinkedQueue<RaisedFinding> raised = new ConcurrentLinkedQueue<>();
    private final long windowNanos;
    private final HeadroomWatch headroom;

    public Ledger(GuardConfig config, FindingSink sink) {
        this(config, sink, dev.portguard.core.headroom.PortHeadroomProbe::ofHost);
    }

    /** A ledger whose headroom probe reads what {@code probe} gives (a fixture directory, in tests). */
    public Ledger(GuardConfig config, FindingSink sink,
                  java.util.function.Supplier<dev.portguard.core.headroom.PortHeadroomProbe> probe) {
        this.config = config;
        this.sink = sink;
        this.pools = new PoolRegistry(config.maxPools());
        this.windowNanos = config.newClientWindow().toNanos();
        this.headroom = new HeadroomWatch(config, this, probe);
    }

    /** Port headroom: the probe's latest reading, protect mode and the exhaustion diagnosis. */
    public HeadroomWatch headroom() {
        return headroom;
    }

    public GuardConfig config() {
        return config;
    }

    /** A new pool created at {@code site}; pool creation is rare, so this may allocate and lock. */
    public ClientPool newPool(ClientKind kind, PoolSettings settings, String site) {
        SiteStats siteStats = siteStats(site, kind);
        siteStats.poolCreated(System.nanoTime(), windowNanos);
        TrackedPool pool = new TrackedPool(this, kind, settings == null ? PoolSettings.UNKNOWN_SETTINGS : settings,
                siteStats, config.maxDestinations());
        pools.add(pool);
        headroom.startIfNeeded();
        return pool;
    }

    private SiteStats siteStats(String site, ClientKind kind) {
        String key = site == null ? "unknown" : site;
        SiteStats existing = sites.get(key);
        if (existing != null) {
            return existing;
        }
        if (sites.size() >= config.maxSites()) {
            key = OTHER_SITE;
        }
        return sites.computeIfAbsent(key, k ->
                new SiteStats(k, kind, config.newClientThreshold(), config.maxDestinations(), this));
    }

    DestinationStats destinationStats(String key) {
        DestinationStats existing = destinations.get(key);
        if (existing != null) {
            return existing;
        }
        String k = destinations.size() >= config.maxDestinations() ? Destinations.OVERFLOW : key;
        boolean[] created = {false};
        DestinationStats stats = destinations.computeIfAbsent(k, name -> {
            created[0] = true;
            return new DestinationStats(name);
        });
        if (created[0]) {
            for (java.util.function.Consumer<String> listener : destinationListeners) {
                try {
                    listener.accept(k);
                } catch (RuntimeException | LinkageError e) {
                    // a metrics binder's trouble must not reach the request that found the destination
                }
            }
        }
        return stats;
    }

    /** Told of each destination when it is first counted (at most {@code max.destinations} + 1 times). */
    public void addDestinationListener(java.util.function.Consumer<String> listener) {
        destinationListeners.add(listener);
    }

    public void removeDestinationListener(java.util.function.Consumer<String> listener) {
        destinationListeners.remove(listener);
    }

    /** One destination's counts, without building a whole snapshot. */
    public java.util.Optional<DestinationCounts> destinationCounts(String destination) {
        DestinationStats d = destinations.get(destination);
        return d == null ? java.util.Optional.empty() : java.util.Optional.of(counts(destination, d.counts));
    }

    private static DestinationCounts counts(String destination, Counts c) {
        return new DestinationCounts(destination, c.requests(), c.opened(), c.reused(), c.closed.sum(),
                c.closedByClient.sum(), c.connectFailures.sum(), c.connectTimeouts.sum(), c.keepAliveRefusals());
    }

    /** Every destination's totals, the overflow bucket included. */
    java.util.Collection<DestinationStats> destinationStats() {
        return destinations.values();
    }

    /** Hands a finding made outside the request path (port headroom) to the sinks. */
    void publish(Finding finding) {
        sink.raised(finding);
    }

    /** Runs the detectors for a route whose connections opened moved since they last looked. */
    void afterRequest(TrackedRoute route) {
        SiteRoute r = route.siteRoute;
        long opened = r.counts.opened();
        if (opened == r.evaluatedOpened) {
            return; // the healthy steady state: one volatile read and out
        }
        r.evaluatedOpened = opened;
        for (Detector d : SPECIFIC) {
            if (r.hasRaised(d.type())) {
                return; // one cause per site and destination keeps reports quiet and to the point
            }
        }
        if (r.hasRaised(GENERAL.type())) {
            return;
        }
        for (Detector d : SPECIFIC) {
            if (d.applies(route, config)) {
                raise(d, route);
                return;
            }
        }
        if (GENERAL.applies(route, config)) {
            raise(GENERAL, route);
        }
    }

    private void raise(Detector detector, TrackedRoute route) {
        if (!route.siteRoute.markRaised(detector.type())) {
            return;
        }
        RaisedFinding finding = new RaisedFinding(detector, route);
        raised.add(finding);
        Finding current = finding.current(config);
        sink.raised(current);
        if (config.mode() == GuardMode.STRICT) {
            throw new PoolMisuseException(current);
        }
    }

    /**
     * Forgets every count and finding in place: clients keep their hooks and simply count from zero. For test
     * harnesses between tests; events racing with the reset may land on either side of it.
     */
    public void reset() {
        raised.clear();
        for (DestinationStats d : destinations.values()) {
            d.counts.reset();
        }
        for (SiteStats s : sites.values()) {
            s.reset();
        }
        for (TrackedPool p : pools.live()) {
            p.reset();
        }
    }

    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        for (RaisedFinding f : raised) {
            findings.add(f.current(config));
        }
        findings.addAll(headroom.findings());
        return findings;
    }

    public List<DestinationCounts> destinations() {
        List<DestinationCounts> list = new ArrayList<>();
        for (Map.Entry<String, DestinationStats> e : destinations.entrySet()) {
            Counts c = e.getValue().counts;
            if (c.requests() == 0 && c.opened() == 0 && c.connectFailures.sum() == 0) {
                continue; // known but idle since the last reset
            }
            list.add(counts(e.getKey(), c));
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
