package dev.portguard.it.core;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.micrometer.PortGuardMetrics;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class PortGuardMetricsTest {
    private static final ClientKind TEST = ClientKind.of("test", Map.of());
    private static final ClientKind OKHTTP = ClientKind.of("okhttp", Map.of());

    private final PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<PortGuardMetrics> binders = new ArrayList<>();

    @AfterEach
    void unbind() {
        binders.forEach(PortGuardMetrics::close);
    }

    private PortGuardMetrics bind(PortGuard g, MeterRegistry r) {
        PortGuardMetrics metrics = new PortGuardMetrics(g);
        binders.add(metrics);
        metrics.bindTo(r);
        return metrics;
    }

    /** Meters appear on the guard's metrics thread, soon after what they count first shows. */
    private static double await(MeterRegistry r, String name, ToDoubleFunction<RequiredSearch> read,
                                String... tags) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                return read.applyAsDouble(r.get(name).tags(tags));
            } catch (io.micrometer.core.instrument.search.MeterNotFoundException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
                sleep(10);
            }
        }
    }

    private double counter(String name, String... tags) {
        return await(registry, name, s -> s.functionCounter().count(), tags);
    }

    private double gauge(String name, String... tags) {
        return await(registry, name, s -> s.gauge().value(), tags);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void countsPerDestinationAndFindingsPerTypeFollowTheGuard() {
        PoolDestination before = guard.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS)
                .destination("known.example.com", 443);
        before.requestStarted();
        before.connectionOpened();
        bind(guard, registry);

        PoolDestination later = guard.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS)
                .destination("new.example.com", 443);
        for (int i = 0; i < 30; i++) {
            later.requestStarted();
            later.connectionOpened();
            later.connectionAcquired();
            later.connectionReleased();
        }
        assertThat(counter("portguard.requests", "destination", "known.example.com:443")).isEqualTo(1);
        assertThat(counter("portguard.requests", "destination", "new.example.com:443")).isEqualTo(30);
        assertThat(counter("portguard.connections.opened", "destination", "new.example.com:443")).isEqualTo(30);
        assertThat(counter("portguard.connections.reused", "destination", "new.example.com:443")).isZero();
        assertThat(counter("portguard.findings", "type", "NEW_CONNECTION_PER_REQUEST")).isEqualTo(1);
        assertThat(counter("portguard.findings", "type", "POOL_CHURN")).isZero();
    }

    @Test
    void aHealthyClientMakesNoFindingAndReusesItsConnection() {
        bind(guard, registry);
        PoolDestination d = guard.integration().newPool(TEST, PoolSettings.ofIdle(5, null))
                .destination("api.example.com", 443);
        for (int i = 0; i < 100; i++) {
            d.requestStarted();
            if (i == 0) {
                d.connectionOpened();
            }
        }
        assertThat(counter("portguard.connections.reused", "destination", "api.example.com:443")).isEqualTo(99);
        assertThat(registry.get("portguard.findings").functionCounters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(registry.find("portguard.finding.info").meters()).isEmpty();
    }

    @Test
    void serverTagsSiteCountsAndClientsPerSite() {
        bind(guard, registry);
        PoolDestination d = guard.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS, "app.A.call(A.java:1)")
                .destination("api.example.com", 8443);
        d.requestStarted();
        d.connectionOpened();
        d.keepAliveRefused(dev.portguard.core.spi.KeepAliveRefusal.RESPONSE);
        d.connectFailed(new java.net.SocketTimeoutException("connect timed out"));
        assertThat(counter("portguard.requests", "server.address", "api.example.com", "server.port", "8443",
                "destination", "api.example.com:8443")).isEqualTo(1);
        assertThat(counter("portguard.site.requests", "portguard.site", "app.A.call(A.java:1)",
                "server.address", "api.example.com", "server.port", "8443")).isEqualTo(1);
        assertThat(counter("portguard.site.connections.opened", "portguard.site", "app.A.call(A.java:1)"))
                .isEqualTo(1);
        assertThat(counter("portguard.connection.close", "server.address", "api.example.com")).isEqualTo(1);
        assertThat(counter("portguard.site.connection.close", "portguard.site", "app.A.call(A.java:1)"))
                .isEqualTo(1);
        assertThat(counter("portguard.connect.failures", "server.port", "8443")).isEqualTo(1);
        assertThat(counter("portguard.site.connect.timeouts", "portguard.site", "app.A.call(A.java:1)"))
                .isEqualTo(1);
        guard.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS, "app.A.call(A.java:1)");
        assertThat(counter("portguard.site.clients", "portguard.site", "app.A.call(A.java:1)",
                "portguard.client.kind", "test")).isEqualTo(2);
    }

    @Test
    void pairsPastMaxSitesShareOtherAndSumToTheDestinationTotal() {
        PortGuard small = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).maxSites(2)
                .build());
        bind(small, registry);
        int[] requests = {5, 7, 11, 13};
        for (int s = 0; s < 3; s++) { // three sites: the ledger keeps two, folds the third into its (other) site
            PoolDestination d = small.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS, "app.S.m(S.java:" + s + ")")
                    .destination("api.example.com", 443);
            for (int i = 0; i < requests[s]; i++) {
                d.requestStarted();
            }
        }
        // a second destination from the first site: the pair count (2) is reached, so this pair is folded too
        PoolDestination other = small.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS, "app.S.m(S.java:0)")
                .destination("db.example.com", 443);
        for (int i = 0; i < requests[3]; i++) {
            other.requestStarted();
        }
        assertThat(counter("portguard.requests", "server.address", "api.example.com")).isEqualTo(23);
        assertThat(counter("portguard.requests", "server.address", "db.example.com")).isEqualTo(13);
        // which two pairs get their own series depends on when the metrics thread first saw them; the sums do not
        await(registry, "portguard.site.requests", s -> s.functionCounter().count(), "portguard.site", "(other)");
        for (String destination : List.of("api.example.com", "db.example.com")) {
            double total = registry.get("portguard.requests").tag("server.address", destination).functionCounter()
                    .count();
            double sum = registry.get("portguard.site.requests").tag("server.address", destination)
                    .functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
            assertThat(sum).as(destination).isEqualTo(total);
        }
        assertThat(registry.get("portguard.site.requests").functionCounters())
                .extracting(c -> c.getId().getTag("portguard.site"))
                .filteredOn(site -> !site.equals("(other)")).hasSize(2);
    }

    @Test
    void openConnectionsOnlyForClientsThatTellUs() {
        bind(guard, registry);
        PoolDestination ok = guard.integration().newPool(OKHTTP, PoolSettings.UNKNOWN_SETTINGS)
                .destination("api.example.com", 443);
        for (int i = 0; i < 3; i++) {
            ok.requestStarted();
            ok.connectionOpened();
            ok.connectionAcquired();
        }
        ok.connectionReleased(); // 3 open, 2 leased, 1 idle
        assertThat(gauge("http.client.open_connections", "http.connection.state", "active",
                "server.address", "api.example.com")).isEqualTo(2);
        assertThat(gauge("http.client.open_connections", "http.connection.state", "idle",
                "server.address", "api.example.com")).isEqualTo(1);
        ok.connectionReleased();
        ok.connectionClosed(ClosedBy.CLIENT);
        assertThat(gauge("http.client.open_connections", "http.connection.state", "active")).isEqualTo(1);
        assertThat(gauge("http.client.open_connections", "http.connection.state", "idle")).isEqualTo(1);

        PoolDestination untold = guard.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS)
                .destination("db.example.com", 443);
        untold.requestStarted();
        untold.connectionOpened();
        counter("portguard.requests", "server.address", "db.example.com");
        assertThat(registry.find("http.client.open_connections").tag("server.address", "db.example.com").meters())
                .isEmpty();
    }

    @Test
    void headroomGaugesFromTheProbeAndFindingInfo() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc");
        bind(guard, registry);
        PoolDestination d = guard.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS, "app.B.call(B.java:9)")
                .destination("127.0.0.1", 9);
        d.connecting(new InetSocketAddress("127.0.0.1", 9));
        for (int i = 0; i < 30; i++) {
            d.requestStarted();
            d.connectionOpened();
        }
        guard.testing().refreshHeadroom();
        assertThat(gauge("portguard.ports.range")).isPositive();
        assertThat(gauge("portguard.ports.usable")).isPositive();
        assertThat(gauge("portguard.ports.time.wait")).isGreaterThanOrEqualTo(0);
        assertThat(gauge("portguard.ports.held", "server.address", "127.0.0.1", "server.port", "9")).isZero();
        assertThat(gauge("portguard.ports.headroom", "server.address", "127.0.0.1")).isPositive();
        assertThat(gauge("portguard.ports.hold", "server.address", "127.0.0.1")).isPositive();
        assertThat(registry.get("portguard.ports.hold").gauge().getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(gauge("portguard.finding.info", "portguard.finding.type", "NEW_CONNECTION_PER_REQUEST",
                "portguard.site", "app.B.call(B.java:9)", "server.address", "127.0.0.1", "server.port", "9"))
                .isEqualTo(1);
        guard.testing().reset(); // the finding no longer stands: its info series goes
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!registry.find("portguard.finding.info").meters().isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
        }
        assertThat(registry.find("portguard.finding.info").meters()).isEmpty();
    }

    @Test
    void closeRemovesEveryMeterAndStopsFollowing() {
        PortGuardMetrics metrics = bind(guard, registry);
        PoolDestination d = guard.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS)
                .destination("api.example.com", 443);
        d.requestStarted();
        counter("portguard.requests", "server.address", "api.example.com");
        metrics.close();
        assertThat(registry.getMeters()).isEmpty();
        guard.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS).destination("later.example.com", 443)
                .requestStarted();
        sleep(200);
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void aRegistryThatThrowsLosesItsMetersNotTheCounting() {
        SimpleMeterRegistry refusing = new SimpleMeterRegistry() {
            @Override
            protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> f) {
                throw new IllegalStateException("refused");
            }
        };
        bind(guard, refusing);
        PoolDestination d = guard.integration().newPool(TEST, PoolSettings.UNKNOWN_SETTINGS)
                .destination("api.example.com", 443);
        for (int i = 0; i < 10; i++) {
            d.requestStarted();
        }
        sleep(200);
        assertThat(refusing.find("portguard.requests").meters()).isEmpty();
        assertThat(guard.snapshot().destinations()).singleElement()
                .satisfies(c -> assertThat(c.requests()).isEqualTo(10));
    }

    /** The series the Prometheus registry renders are exactly the ones docs/metrics.md names. */
    @Test
    void prometheusSeriesAreTheDocumentedOnes() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc");
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bind(guard, prometheus);
        PoolDestination d = guard.integration().newPool(OKHTTP, PoolSettings.UNKNOWN_SETTINGS, "app.C.call(C.java:3)")
                .destination("127.0.0.1", 9);
        d.connecting(new InetSocketAddress("127.0.0.1", 9));
        for (int i = 0; i < 30; i++) {
            d.requestStarted();
            d.connectionOpened();
            d.connectionAcquired();
            d.connectionReleased();
        }
        guard.testing().refreshHeadroom();
        await(prometheus, "portguard.finding.info", s -> s.gauge().value());
        await(prometheus, "portguard.ports.held", s -> s.gauge().value());
        String scrape = prometheus.scrape();

        Set<String> rendered = new TreeSet<>();
        Matcher sample = Pattern.compile("(?m)^([a-z_]+)[{ ]").matcher(scrape);
        while (sample.find()) {
            rendered.add(sample.group(1));
        }
        Set<String> documented = documentedSeries();
        // conntrack is readable only where the namespace shows it; the forecast only while there is one
        // mitigate mode's only in that mode, for sites it acted on
        Set<String> optional = Set.of("portguard_conntrack_entries", "portguard_conntrack_limit",
                "portguard_conntrack_insert_failed_total", "portguard_ports_exhaustion_forecast_seconds",
                "portguard_site_mitigated", "portguard_site_shared_pool_size", "portguard_site_connections_saved_total");
        assertThat(documented).containsAll(rendered);
        Set<String> expected = new TreeSet<>(documented);
        expected.removeAll(optional);
        assertThat(rendered).containsAll(expected);
        assertThat(scrape).contains("portguard_site_requests_total{portguard_site=\"app.C.call(C.java:3)\","
                + "server_address=\"127.0.0.1\",server_port=\"9\"} 30");
    }

    private static Set<String> documentedSeries() throws IOException {
        Path doc = Path.of("..", "docs", "metrics.md");
        Set<String> series = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z._]+)` \\|.*\\| `([a-z_]+)` \\|$").matcher(Files.readString(doc));
        while (row.find()) {
            if (!row.group(1).startsWith("portguard.node.")) { // node mode's, served by `node --serve`
                series.add(row.group(2));
            }
        }
        if (series.size() < 20) {
            fail("docs/metrics.md lists " + series + ": the table format changed?");
        }
        return series;
    }
}
