package dev.portguard.core.internal.headroom;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.ProtectMode;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.PortExhaustedDiagnosis;
import dev.portguard.core.headroom.PortHeadroomProbe;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's headroom side against the proc-basic fixture: 10.0.0.5:443 holds 6 of 42 usable ports (4 in
 * TIME_WAIT), [::1]:8080 holds 2.
 */
class HeadroomWatchTest {
    private static final ClientKind KIND = ClientKind.of("test", Map.of());
    // the probe thread may announce too (a finding whose exchange never ended)
    private final List<Finding> published = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Stages ledger(GuardConfig.Builder config) {
        return ledger(config, "/proc-basic");
    }

    private Stages ledger(GuardConfig.Builder config, String fixture) {
        Path root;
        try {
            root = Path.of(HeadroomWatchTest.class.getResource(fixture).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        // The probe thread stays off: each test reads the fixture when it says so.
        return new Stages(config.headroomProbe(false).build(), published::add, () -> PortHeadroomProbe.ofRoot(root));
    }

    private static PoolDestination route(Stages ledger, String host, int port) throws Exception {
        ClientPool pool = ledger.newPool(KIND, PoolSettings.UNKNOWN_SETTINGS, "app.Api.call(Api.java:10)");
        PoolDestination d = pool.destination(host, port);
        d.connecting(new InetSocketAddress(InetAddress.getByName(host), port));
        return d;
    }

    private static GuardSnapshot snapshot(Stages ledger) {
        return new GuardSnapshot(Instant.now(), GuardMode.OBSERVE, ledger.findings(), ledger.destinations(),
                ledger.pools(), ledger.headroom().report());
    }

    @Test
    void a_destination_gets_its_ports_held_and_headroom_from_the_reading() throws Exception {
        Stages ledger = ledger(GuardConfig.builder());
        route(ledger, "10.0.0.5", 443);
        ledger.headroom().refresh();

        DestinationHeadroom h = ledger.headroom().report().destination("10.0.0.5:443").orElseThrow();
        assertThat(h.portsHeld()).isEqualTo(6);
        assertThat(h.timeWait()).isEqualTo(4);
        assertThat(h.usablePorts()).isEqualTo(42);
        assertThat(h.headroom()).isEqualTo(36);
        assertThat(h.level()).isEqualTo("ok");
        assertThat(h.holdSeconds()).isEqualTo(60.0); // tcp_tw_reuse=0 in the fixture
        assertThat(published).isEmpty();
    }

    @Test
    void low_headroom_names_the_destination_and_the_site_that_opens_the_connections() throws Exception {
        Stages ledger = ledger(GuardConfig.builder().headroomLow(0.9));
        PoolDestination d = route(ledger, "10.0.0.5", 443);
        d.requestStarted();
        d.connectionOpened();
        ledger.headroom().refresh();
        ledger.headroom().refresh(); // raised once

        assertThat(published).extracting(Finding::type).containsExactly(FindingType.PORT_HEADROOM_LOW);
        Finding f = published.get(0);
        assertThat(f.destination()).isEqualTo("10.0.0.5:443");
        assertThat(f.site()).isEqualTo("app.Api.call(Api.java:10)");
        assertThat(f.evidence()).containsEntry("headroom", 36).containsEntry("portsHeld", 6)
                .containsEntry("portRange", "40000-40049");
        assertThat((String) f.evidence().get("topSites")).contains("app.Api.call(Api.java:10) [test, 1 pool(s), 1 opened");
        assertThat(f.advice()).contains("keep-alive", "HTTP/2", "tcp_tw_reuse", "tcp_fin_timeout does not shorten");
        assertThat(ledger.findings()).extracting(Finding::type).containsExactly(FindingType.PORT_HEADROOM_LOW);
    }

    @Test
    void a_rate_the_range_cannot_carry_is_forecast_to_run_out() throws Exception {
        Stages ledger = ledger(GuardConfig.builder());
        PoolDestination d = route(ledger, "10.0.0.5", 443);
        for (int i = 0; i < 5000; i++) {
            d.connectionOpened(); // thousands per second: far past 42 ports / 60 s
        }
        ledger.headroom().refresh();

        DestinationHeadroom h = ledger.headroom().report().destination("10.0.0.5:443").orElseThrow();
        assertThat(h.secondsToExhaustion()).isNotNull().isLessThan(600.0);
        assertThat(published).extracting(Finding::type).contains(FindingType.PORT_EXHAUSTION_FORECAST);
    }

    @Test
    void a_connect_without_a_local_port_carries_the_diagnosis_and_keeps_its_type() throws Exception {
        Stages ledger = ledger(GuardConfig.builder());
        PoolDestination d = route(ledger, "10.0.0.5", 443);
        d.requestStarted();
        d.connectionOpened();
        ledger.headroom().refresh();
        ConnectException failure = new ConnectException("connect failed");
        failure.initCause(new BindException("Cannot assign requested address"));

        d.connectFailed(failure);
        d.connectFailed(failure); // reported twice (the agent's socket hook, then the client's): one diagnosis

        assertThat(failure).isExactlyInstanceOf(ConnectException.class);
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0]).isInstanceOf(PortExhaustedDiagnosis.class);
        assertThat(failure.getSuppressed()[0].getMessage()).contains("10.0.0.5:443", "of 42 usable",
                "range 40000-40049", "TIME_WAIT: 4 toward it", "Top site: app.Api.call(Api.java:10)");
        assertThat(published).extracting(Finding::type).containsExactly(FindingType.PORT_EXHAUSTED);
        // the same exception counts once
        assertThat(ledger.findings().get(0).evidenceLong("addressUnavailable")).isEqualTo(1);
    }

    @Test
    void other_connect_failures_get_no_diagnosis() throws Exception {
        Stages ledger = ledger(GuardConfig.builder());
        PoolDestination d = route(ledger, "10.0.0.5", 443);
        ConnectException refused = new ConnectException("Connection refused");
        d.connectFailed(refused);
        assertThat(refused.getSuppressed()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void timeouts_while_headroom_is_fine_are_counted_as_a_possible_snat_symptom() throws Exception {
        Stages ledger = ledger(GuardConfig.builder());
        PoolDestination d = route(ledger, "10.0.0.5", 443);
        ledger.headroom().refresh();
        d.connectFailed(new SocketTimeoutException("Connect timed out"));
        ledger.headroom().refresh();

        JsonObject json = JsonParser.parseString(snapshot(ledger).toJson()).getAsJsonObject();
        JsonObject dest = json.getAsJsonObject("headroom").getAsJsonArray("destinations").get(0).getAsJsonObject();
        assertThat(dest.get("destination").getAsString()).isEqualTo("10.0.0.5:443");
        assertThat(dest.get("connectTimeouts").getAsInt()).isEqualTo(1);
        assertThat(dest.get("connectTimeoutsWithHeadroom").getAsInt()).isEqualTo(1);
        assertThat(dest.get("snatSuspected").getAsBoolean()).isTrue();
    }

    @Test
    void a_run_of_timeouts_while_headroom_is_fine_raises_snat_suspected_and_a_lone_one_does_not() throws Exception {
        Stages ledger = ledger(GuardConfig.builder());
        PoolDestination d = route(ledger, "10.0.0.5", 443);
        ledger.headroom().refresh();
        d.connectFailed(new SocketTimeoutException("Connect timed out"));
        d.connectFailed(new SocketTimeoutException("Connect timed out"));
        ledger.headroom().refresh();
        assertThat(published).as("two timeouts are network weather").isEmpty();

        d.connectFailed(new SocketTimeoutException("Connect timed out"));
        ledger.headroom().refresh();
        ledger.headroom().refresh();
        assertThat(published).extracting(Finding::type).containsExactly(FindingType.SNAT_SUSPECTED);
        Finding f = published.get(0);
        assertThat(f.destination()).isEqualTo("10.0.0.5:443");
        assertThat(f.site()).isEqualTo("app.Api.call(Api.java:10)");
        assertThat(f.message()).contains("3 connect(s) to 10.0.0.5:443 timed out while 36 of 42 local ports were free")
                .contains("SNAT");
        assertThat(f.evidenceLong("connectTimeoutsWithHeadroom")).isEqualTo(3);
    }

    @Test
    void timeouts_while_ports_are_short_are_no_snat_symptom() throws Exception {
        // critical share 0.9 of 42: 36 left toward 10.0.0.5:443 is below the low level, so a timeout is not counted
        Stages ledger = ledger(GuardConfig.builder().headroomLow(0.9));
        PoolDestination d = route(ledger, "10.0.0.5", 443);
        ledger.headroom().refresh();
        for (int i = 0; i < 5; i++) {
            d.connectFailed(new SocketTimeoutException("Connect timed out"));
        }
        ledger.headroom().refresh();
        assertThat(published).extracting(Finding::type).doesNotContain(FindingType.SNAT_SUSPECTED);
    }

    @Test
    void protect_mode_refuses_new_connections_below_the_critical_share_and_only_there() throws Exception {
        // critical 0.9 of 42 = 38 ports: 10.0.0.5:443 (36 left) is critical, [::1]:8080 (40 left) is not
        Stages ledger = ledger(GuardConfig.builder().protect(ProtectMode.ENFORCE).protectCritical(0.9));
        PoolDestination api = route(ledger, "10.0.0.5", 443);
        PoolDestination local = route(ledger, "::1", 8080);
        ledger.headroom().refresh();

        assertThatThrownBy(api::beforeConnect).isInstanceOf(PortBudgetExceededException.class)
                .hasMessageContaining("10.0.0.5:443").hasMessageContaining("36 of 42");
        assertThatCode(local::beforeConnect).doesNotThrowAnyException();
        local.connectionOpened();
        local.connectionOpened();
        local.connectionOpened(); // 40 - 3 = 37 left by the count since the reading: now critical too
        assertThatThrownBy(local::beforeConnect).isInstanceOf(PortBudgetExceededException.class);
        assertThat(ledger.headroom().report().destination("10.0.0.5:443").orElseThrow().refused()).isEqualTo(1);
    }

    @Test
    void protect_mode_judges_a_destination_without_addresses_by_what_it_opened_since_the_last_reading() throws Exception {
        // No connecting(remote): the reading cannot attribute sockets to it (as with clients that never see the IP).
        Stages ledger = ledger(GuardConfig.builder().protect(ProtectMode.ENFORCE).protectCritical(0.5));
        ClientPool pool = ledger.newPool(KIND, PoolSettings.UNKNOWN_SETTINGS, "app.Api.call(Api.java:10)");
        PoolDestination longLived = pool.destination("api.example.com", 443);
        for (int i = 0; i < 1000; i++) {
            longLived.connectionOpened(); // a day of healthy traffic: far more than the 42 usable ports in total
        }
        ledger.headroom().refresh();
        assertThatCode(longLived::beforeConnect).as("the lifetime total is not ports held now")
                .doesNotThrowAnyException();
        for (int i = 0; i < 21; i++) {
            longLived.connectionOpened(); // 21 since the reading: 42 - 21 = 21 left, critical is below 21
        }
        assertThatCode(longLived::beforeConnect).doesNotThrowAnyException();
        longLived.connectionOpened();
        assertThatThrownBy(longLived::beforeConnect).isInstanceOf(PortBudgetExceededException.class);
    }

    @Test
    void a_destination_whose_client_reports_no_address_is_resolved_by_the_probe() throws Exception {
        Stages ledger = ledger(GuardConfig.builder());
        ClientPool pool = ledger.newPool(KIND, PoolSettings.UNKNOWN_SETTINGS, "app.Api.call(Api.java:10)");
        pool.destination("10.0.0.5", 443).requestStarted(); // no connecting(remote), as with Apache's managers
        ledger.headroom().refresh();
        DestinationHeadroom h = ledger.headroom().report().destination("10.0.0.5:443").orElseThrow();
        assertThat(h.portsHeld()).isEqualTo(6);
        assertThat(h.headroom()).isEqualTo(36);
    }

    @Test
    void protect_mode_off_never_refuses() throws Exception {
        Stages ledger = ledger(GuardConfig.builder().protectCritical(0.9));
        PoolDestination api = route(ledger, "10.0.0.5", 443);
        ledger.headroom().refresh();
        assertThatCode(api::beforeConnect).doesNotThrowAnyException();
    }

    @Test
    void the_report_carries_the_host_reading() throws Exception {
        Stages ledger = ledger(GuardConfig.builder());
        route(ledger, "10.0.0.5", 443);
        ledger.headroom().refresh();

        JsonObject headroom = JsonParser.parseString(snapshot(ledger).toJson()).getAsJsonObject()
                .getAsJsonObject("headroom");
        assertThat(headroom.get("probe").getAsString()).isEqualTo("running");
        JsonObject host = headroom.getAsJsonObject("host");
        assertThat(host.getAsJsonObject("portRange").get("low").getAsInt()).isEqualTo(40000);
        assertThat(host.get("usablePorts").getAsInt()).isEqualTo(42);
        assertThat(host.get("timeWait").getAsInt()).isEqualTo(4);
        assertThat(host.getAsJsonObject("timeWaitSettings").get("tcpTwReuse").getAsInt()).isZero();
        assertThat(host.getAsJsonObject("unknown").has("conntrack")).isTrue();
    }

    @Test
    void before_any_reading_the_report_says_so_and_nothing_is_refused() throws Exception {
        Stages ledger = ledger(GuardConfig.builder().protect(ProtectMode.ENFORCE).protectCritical(1.0));
        PoolDestination api = route(ledger, "10.0.0.5", 443);
        assertThatCode(api::beforeConnect).doesNotThrowAnyException();
        JsonObject headroom = JsonParser.parseString(snapshot(ledger).toJson()).getAsJsonObject()
                .getAsJsonObject("headroom");
        assertThat(headroom.get("probe").getAsString()).isEqualTo("off");
        assertThat(headroom.get("host").isJsonNull()).isTrue();
    }

    @Test
    void pool_findings_say_how_long_this_host_holds_a_closed_connections_port() throws Exception {
        Stages ledger = ledger(GuardConfig.builder(), "/proc-tw30"); // net.ipv4.tcp_tw_timeout = 30
        PoolDestination d = route(ledger, "10.0.0.5", 443);
        ledger.headroom().refresh();
        for (int i = 0; i < 30; i++) {
            d.requestStarted();
            d.connectionOpened();
            d.connectionAcquired();
            d.connectionReleased();
            d.connectionClosed(dev.portguard.core.spi.ClosedBy.CLIENT);
        }

        Finding f = published.stream().filter(p -> p.type() == FindingType.NEW_CONNECTION_PER_REQUEST)
                .findFirst().orElseThrow();
        assertThat(f.message()).contains("30 s").doesNotContain("60 s");
    }

    @Test
    void before_any_reading_pool_findings_give_the_kernel_default_hold() throws Exception {
        Stages ledger = ledger(GuardConfig.builder(), "/proc-tw30");
        PoolDestination d = route(ledger, "10.0.0.5", 443);
        for (int i = 0; i < 30; i++) {
            d.requestStarted();
            d.connectionOpened();
            d.connectionAcquired();
            d.connectionReleased();
        }

        Finding f = published.stream().filter(p -> p.type() == FindingType.NEW_CONNECTION_PER_REQUEST)
                .findFirst().orElseThrow();
        assertThat(f.message()).contains("in TIME_WAIT (60 s on a default Linux kernel)");
    }
}
