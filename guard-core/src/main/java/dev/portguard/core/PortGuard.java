package dev.portguard.core;

import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.headroom.PortHeadroomProbe;
import dev.portguard.core.internal.detect.Detectors;
import dev.portguard.core.internal.detect.LeakDetector;
import dev.portguard.core.internal.detect.LeakWatch;
import dev.portguard.core.internal.headroom.HeadroomWatch;
import dev.portguard.core.internal.sites.SiteCapture;
import dev.portguard.core.internal.sites.SiteOrigins;
import dev.portguard.core.internal.ledger.DestinationIndex;
import dev.portguard.core.internal.ledger.Ledger;
import dev.portguard.core.internal.ledger.NoopPool;
import dev.portguard.core.internal.metrics.MeterModel;
import dev.portguard.core.internal.mitigate.Mitigations;
import dev.portguard.core.metrics.GuardMeters;
import dev.portguard.core.internal.publish.Log;
import dev.portguard.core.internal.publish.Sinks;
import dev.portguard.core.internal.report.ReportFile;
import dev.portguard.core.internal.report.timeline.TimelinePage;
import dev.portguard.core.internal.timeline.Timeline;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.Integration;
import dev.portguard.core.spi.Mitigation;
import dev.portguard.core.spi.PoolSettings;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The guard: counts what client hooks report, turns counts into {@link Finding}s and hands them to the sinks
 * (a log line, {@link FindingListener}s, {@link #snapshot()} and the JSON report).
 *
 * <p>Most applications use {@link #global()}, configured from {@code portguard.*} system properties and
 * {@code PORTGUARD_*} environment variables; tests usually {@link #create(GuardConfig)} their own. Client
 * integrations reach it through {@link #integration()}, test harnesses through {@link #testing()}.
 *
 * <p>This class is where the stages are put together: hooks feed the ledger, which hands routes to the detectors
 * and port questions to the headroom watch; both raise to the sinks. The watch reads destinations through a
 * read-only directory.
 */
public final class PortGuard {
    private static volatile PortGuard global;

    private final GuardConfig config;
    private final Sinks sinks;
    private final SiteOrigins origins;
    private final DestinationIndex destinations;
    private final HeadroomWatch headroom;
    private final Ledger ledger;
    private final Mitigations mitigations;
    private final LeakDetector leaks;
    private final LeakWatch leakWatch;
    private final MeterModel meters;
    private final Timeline timeline;
    private final Integration integration = new Hooks();
    private final GuardTesting testing = new Testing();

    private PortGuard(GuardConfig config) {
        this.config = config;
        this.origins = new SiteOrigins(config.maxSites());
        this.sinks = new Sinks(config, origins);
        this.destinations = new DestinationIndex(config.maxDestinations());
        this.headroom = new HeadroomWatch(config, destinations, sinks, PortHeadroomProbe::ofHost);
        this.leakWatch = new LeakWatch(new LeakDetector(config, sinks, this::leaseTables), config.leakAge().toNanos());
        this.leaks = leakWatch.detector();
        this.ledger = new Ledger(config, destinations, new Detectors(config, sinks), headroom,
                leakWatch::startIfNeeded);
        this.mitigations = new Mitigations(config, ledger, sinks);
        sinks.addInternalListener(mitigations::found);
        this.meters = new MeterModel(config, ledger, destinations, sinks, headroom, mitigations, System.getenv());
        this.timeline = new Timeline(config.timelineInterval(), config.timelineWindow(), System.nanoTime());
        // Samples on the probe thread, never on a request; a finding becomes an event once, when raised.
        headroom.setTicker(now -> timeline.tick(System.nanoTime(), Instant.now(), ledger.destinations(),
                headroom.report(), now));
        sinks.addListener(finding -> timeline.findingRaised(finding, Instant.now()));
    }

    private java.util.List<? extends dev.portguard.core.internal.detect.LeaseView> leaseTables() {
        return ledger.leases();
    }

    /** A guard of its own with this configuration. */
    public static PortGuard create(GuardConfig config) {
        return new PortGuard(Objects.requireNonNull(config, "config"));
    }

    /**
     * The process-wide guard, created on first use from the environment. An invalid setting is logged in one line
     * and its default used: configuration never stops the application.
     */
    public static PortGuard global() {
        PortGuard g = global;
        if (g == null) {
            synchronized (PortGuard.class) {
                g = global;
                if (g == null) {
                    GuardConfig config = GuardConfig.fromEnvironment(problem -> Log.logger().log(Level.WARNING, problem));
                    g = new PortGuard(config);
                    global = g;
                }
            }
        }
        return g;
    }

    /**
     * Makes {@code guard} the process-wide guard, for an agent or a test harness that configures it itself.
     *
     * @return the guard it replaces, or {@code null}
     */
    public static synchronized PortGuard installGlobal(PortGuard guard) {
        PortGuard previous = global;
        global = Objects.requireNonNull(guard, "guard");
        return previous;
    }

    public GuardConfig config() {
        return config;
    }

    /** What client integrations call: registering the pools they hook. */
    public Integration integration() {
        return integration;
    }

    /** What test harnesses and tools call: resetting counts, reading the host's ports now. */
    public GuardTesting testing() {
        return testing;
    }

    /** @deprecated use {@code integration().newPool(kind, settings)}; kept for one release. */
    @Deprecated(since = "0.1.0")
    public ClientPool newPool(ClientKind kind, PoolSettings settings) {
        return integration.newPool(kind, settings);
    }

    /** @deprecated use {@code integration().newPool(kind, settings, site)}; kept for one release. */
    @Deprecated(since = "0.1.0")
    public ClientPool newPool(ClientKind kind, PoolSettings settings, String site) {
        return integration.newPool(kind, settings, site);
    }

    /** @deprecated use {@code testing().reset()}; kept for one release. */
    @Deprecated(since = "0.1.0")
    public void reset() {
        testing.reset();
    }

    /** @deprecated use {@code testing().refreshHeadroom()}; kept for one release. */
    @Deprecated(since = "0.1.0")
    public HostPorts refreshHeadroom() {
        return testing.refreshHeadroom();
    }

    /** The findings and counts as they stand. */
    public GuardSnapshot snapshot() {
        return new GuardSnapshot(Instant.now(), config.mode(), sinks.findings(), ledger.destinations(),
                ledger.pools(), mitigations.describe(ledger.poolSites()), headroom.report(), timeline.view());
    }

    /**
     * The counts toward one {@code host:port} as they stand, without building a whole snapshot: for metrics
     * registries that read each counter on every scrape.
     */
    public Optional<DestinationCounts> destinationCounts(String hostAndPort) {
        return ledger.destinationCounts(hostAndPort);
    }

    /**
     * Tells {@code listener} the name of each destination when it is first counted, so a metrics binder can
     * register its meters (at most {@code max.destinations} + 1 names, the overflow bucket included).
     */
    public Registration addDestinationListener(Consumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        destinations.addListener(listener);
        return () -> destinations.removeListener(listener);
    }

    /** Tells {@code listener} of each finding made from now on. */
    public Registration addListener(FindingListener listener) {
        sinks.addListener(Objects.requireNonNull(listener, "listener"));
        return () -> sinks.removeListener(listener);
    }

    /**
     * The guard's meters (docs/metrics.md) as one exporter-neutral model: what the Micrometer binder registers and
     * the agent's Prometheus endpoint writes. Reading them adds nothing to the request path.
     */
    public GuardMeters meters() {
        return meters;
    }

    /**
     * Writes the JSON report to {@code path}, replacing it whole (readers never see half a report), and beside it
     * the same as a page a person can read: {@code report.html} for {@code report.json} (the incident timeline,
     * one self-contained file that loads nothing from the network).
     */
    public void writeReport(Path path) throws IOException {
        String json = snapshot().toJson();
        ReportFile.write(path, json);
        ReportFile.write(TimelinePage.beside(path), TimelinePage.render(json));
    }

    @Override
    public String toString() {
        return "PortGuard[" + config.mode().configValue() + "]";
    }

    private final class Hooks implements Integration {
        @Override
        public ClientPool newPool(ClientKind kind, PoolSettings settings) {
            if (config.mode() == GuardMode.OFF) {
                return new NoopPool(kind, settings);
            }
            SiteCapture site = SiteCapture.now();
            origins.remember(site.site(), site.origin());
            return ledger.newPool(kind, settings, site.site());
        }

        @Override
        public ClientPool newPool(ClientKind kind, PoolSettings settings, String site) {
            if (config.mode() == GuardMode.OFF) {
                return new NoopPool(kind, settings);
            }
            return ledger.newPool(kind, settings, site);
        }

        @Override
        public Mitigation mitigation() {
            return mitigations.view();
        }
    }

    private final class Testing implements GuardTesting {
        @Override
        public void reset() {
            sinks.reset();
            ledger.reset();
            timeline.reset(System.nanoTime());
            meters.changed();
        }

        @Override
        public HostPorts refreshHeadroom() {
            return headroom.refresh();
        }

        @Override
        public void findLeaksNow() {
            try {
                leaks.look(System.nanoTime(), 0, 1, true);
            } catch (RuntimeException e) {
                // a harness's look never fails the test by itself
            }
        }
    }
}
