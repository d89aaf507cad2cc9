package dev.portguard.it.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.KeepAliveRefusal;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger and detectors driven through the hooks' SPI exactly as a client integration drives them, with the
 * same event order as OkHttp: request, [connect], acquire, release.
 */
class LedgerDetectionTest {
    private static final ClientKind KIND = ClientKind.of("test-client", Map.of());
    private static final PoolSettings FIVE_IDLE = PoolSettings.ofIdle(5, Duration.ofMinutes(5));

    private final PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());

    /** One request; {@code open} says whether it needed a new connection. */
    private static void request(PoolDestination d, boolean open) {
        d.requestStarted();
        if (open) {
            d.connectionOpened();
        }
        d.connectionAcquired();
        d.connectionReleased();
    }

    @Test
    void aSharedPoolThatReusesItsConnectionIsCountedAndNotFlagged() {
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
        for (int i = 0; i < 1000; i++) {
            request(d, i == 0);
        }
        GuardSnapshot s = guard.snapshot();
        assertThat(s.findings()).isEmpty();
        DestinationCounts c = s.destination("api.example.com:443").orElseThrow();
        assertThat(c.requests()).isEqualTo(1000);
        assertThat(c.connectionsOpened()).isEqualTo(1);
        assertThat(c.connectionsReused()).isEqualTo(999);
    }

    @Test
    void aNewConnectionPerRequestIsFlaggedAtTheSiteThatCreatedThePool() {
        ClientPool pool = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS);
        PoolDestination d = pool.destination("api.example.com", 443);
        for (int i = 0; i < 50; i++) {
            request(d, true);
        }
        List<Finding> findings = guard.snapshot().findings();
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.type()).isEqualTo(FindingType.NEW_CONNECTION_PER_REQUEST);
        assertThat(f.destination()).isEqualTo("api.example.com:443");
        assertThat(f.site()).startsWith(
                "dev.portguard.it.core.LedgerDetectionTest.aNewConnectionPerRequestIsFlaggedAtTheSiteThatCreatedThePool(LedgerDetectionTest.java:");
        assertThat(f.evidenceLong("requests")).isEqualTo(50);
        assertThat(f.evidenceLong("connectionsOpened")).isEqualTo(50);
        assertThat(f.advice()).isNotBlank();
    }

    @Test
    void fewerRequestsThanTheMinimumAreNeverFlagged() {
        PoolDestination d = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS).destination("a", 80);
        for (int i = 0; i < 19; i++) {
            request(d, true);
        }
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @Test
    void exactlyTheRatioIsNotAboveIt() {
        PoolDestination d = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS).destination("a", 80);
        for (int i = 0; i < 400; i++) {
            request(d, i % 2 == 0); // every other request opens: 0.5, not above 0.5
        }
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @Test
    void aNewClientPerRequestIsNamedAsSuchNotAsItsSymptom() {
        for (int i = 0; i < 30; i++) {
            ClientPool pool = guard.integration().newPool(KIND, FIVE_IDLE);
            request(pool.destination("api.example.com", 443), true);
        }
        List<Finding> findings = guard.snapshot().findings();
        assertThat(findings).extracting(Finding::type).containsExactly(FindingType.NEW_CLIENT_PER_REQUEST);
        Finding f = findings.get(0);
        assertThat(f.site()).contains("LedgerDetectionTest.aNewClientPerRequestIsNamedAsSuchNotAsItsSymptom(");
        assertThat(f.evidenceLong("poolsUsed")).isEqualTo(30);
        assertThat(f.evidenceLong("poolsCreatedAtSite")).isEqualTo(30);
    }

    /**
     * Clients kept per tenant, built on first use: early on nearly every request meets a new tenant. Here the first
     * 20 requests meet 19 tenants and one returning (what 50 tenants drawn at random give in about one run in ten),
     * then tenants come back as a cache's do.
     */
    @Test
    void clientsPerTenantBuiltOnFirstUseAreHealthy() {
        Map<Integer, PoolDestination> tenants = new java.util.HashMap<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 1000; i++) {
            int tenant = i < 19 ? i : i == 19 ? 0 : random.nextInt(50);
            PoolDestination d = tenants.get(tenant);
            boolean open = d == null;
            if (open) {
                d = tenantClient();
                tenants.put(tenant, d);
            }
            request(d, open);
        }
        assertThat(tenants).hasSize(50);
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    private PoolDestination tenantClient() {
        return guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
    }

    /** Pools built per request where one sends a second request (a retry) are still a client per request. */
    @Test
    void aClientPerRequestWithAnOccasionalRetryIsStillNamed() {
        for (int i = 0; i < 100; i++) {
            PoolDestination d = tenantClient();
            request(d, true);
            if (i == 5) {
                request(d, false);
            }
        }
        assertThat(guard.snapshot().findings()).extracting(Finding::type)
                .containsExactly(FindingType.NEW_CLIENT_PER_REQUEST);
    }

    @Test
    void tenLongLivedClientsBuiltByOneFactoryAreHealthy() {
        List<PoolDestination> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clients.add(guard.integration().newPool(KIND, FIVE_IDLE).destination("shard" + (i % 2) + ".example.com", 443));
        }
        for (int round = 0; round < 100; round++) {
            for (PoolDestination d : clients) {
                request(d, round == 0);
            }
        }
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @Test
    void aDozenLongLivedClientsUsedInTurnAreHealthy() {
        List<PoolDestination> clients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clients.add(guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443));
        }
        for (int i = 0; i < 600; i++) {
            request(clients.get(i % 12), i < 12);
        }
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @Test
    void poolsCreatedSlowerThanTheWindowAreNotABurst() throws InterruptedException {
        PortGuard g = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF)
                .newClientWindow(Duration.ofMillis(1)).newClientThreshold(3).build());
        for (int i = 0; i < 12; i++) {
            request(g.integration().newPool(KIND, FIVE_IDLE).destination("a", 80), true);
            Thread.sleep(3);
        }
        assertThat(g.snapshot().findings(FindingType.NEW_CLIENT_PER_REQUEST)).isEmpty();
    }

    @Test
    void aPoolThatKeepsNothingIdleDisablesKeepAlive() {
        PoolDestination d = guard.integration().newPool(KIND, PoolSettings.ofIdle(0, Duration.ofSeconds(1))).destination("a", 80);
        for (int i = 0; i < 40; i++) {
            request(d, true);
            d.connectionClosed(ClosedBy.CLIENT);
        }
        Finding f = guard.snapshot().findings().get(0);
        assertThat(f.type()).isEqualTo(FindingType.KEEP_ALIVE_DISABLED);
        assertThat(f.message()).contains("keep no idle connection");
        assertThat(f.evidenceLong("poolMaxIdle")).isZero();
        assertThat(guard.snapshot().destination("a:80").orElseThrow().connectionsClosedByClient()).isEqualTo(40);
    }

    @Test
    void connectionCloseOnRequestsOrResponsesDisablesKeepAlive() {
        PoolDestination requests = guard.integration().newPool(KIND, FIVE_IDLE).destination("req", 80);
        PoolDestination responses = guard.integration().newPool(KIND, FIVE_IDLE).destination("resp", 80);
        for (int i = 0; i < 40; i++) {
            requests.keepAliveRefused(KeepAliveRefusal.REQUEST);
            request(requests, true);
            request(responses, true);
            responses.keepAliveRefused(KeepAliveRefusal.RESPONSE);
        }
        GuardSnapshot s = guard.snapshot();
        assertThat(s.findings()).extracting(Finding::type)
                .containsExactly(FindingType.KEEP_ALIVE_DISABLED, FindingType.KEEP_ALIVE_DISABLED);
        Finding byRequest = s.findings().stream().filter(f -> f.destination().equals("req:80")).findFirst().orElseThrow();
        Finding byResponse = s.findings().stream().filter(f -> f.destination().equals("resp:80")).findFirst().orElseThrow();
        assertThat(byRequest.message()).contains("requests asked for 'Connection: close'");
        assertThat(byRequest.evidenceLong("requestsWithConnectionClose")).isEqualTo(40);
        assertThat(byResponse.message()).contains("responses from the server carried 'Connection: close'");
        assertThat(byResponse.advice()).contains("server");
    }

    @Test
    void anOccasionalServerCloseIsHealthy() {
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("a", 80);
        for (int i = 0; i < 1000; i++) {
            boolean serverClosesAfter = i % 100 == 99; // like a server's max-requests-per-connection of 100
            request(d, i % 100 == 0);
            if (serverClosesAfter) {
                d.keepAliveRefused(KeepAliveRefusal.RESPONSE);
            }
        }
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    /** Rounds of {@code concurrency} callers at once; between rounds the pool drops all but its idle limit. */
    private static void bursts(ClientPool pool, int concurrency, int rounds, int keptIdle) {
        PoolDestination d = pool.destination("api.example.com", 443);
        int open = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < concurrency; i++) {
                d.requestStarted();
                if (i >= open) {
                    d.connectionOpened();
                }
                d.connectionAcquired();
            }
            for (int i = 0; i < concurrency; i++) {
                d.connectionReleased();
            }
            open = Math.min(concurrency, keptIdle);
        }
    }

    @Test
    void aPoolSmallerThanItsCallersConcurrencyChurns() {
        ClientPool pool = guard.integration().newPool(KIND, FIVE_IDLE);
        bursts(pool, 32, 10, 5);
        Finding f = guard.snapshot().findings().get(0);
        assertThat(f.type()).isEqualTo(FindingType.POOL_CHURN);
        assertThat(f.evidenceLong("poolMaxIdle")).isEqualTo(5);
        assertThat(f.evidenceLong("peakConcurrentRequests")).isEqualTo(32);
        assertThat(f.message()).contains("keeps 5 idle connections but up to 32 requests used it at once");
    }

    @Test
    void aPoolSizedForItsCallersDoesNotChurn() {
        ClientPool pool = guard.integration().newPool(KIND, PoolSettings.ofIdle(32, Duration.ofMinutes(5)));
        bursts(pool, 32, 10, 32);
        assertThat(guard.snapshot().findings()).isEmpty();
        assertThat(guard.snapshot().pools()).singleElement()
                .satisfies(p -> {
                    assertThat(p.peakInUse()).isEqualTo(32);
                    assertThat(p.inUse()).isZero();
                    assertThat(p.connectionsOpened()).isEqualTo(32);
                });
    }

    @Test
    void aFindingIsReportedOnceAndItsEvidenceKeepsUpdating() {
        List<Finding> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        guard.addListener(told::add);
        PoolDestination d = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS).destination("a", 80);
        for (int i = 0; i < 30; i++) {
            request(d, true);
        }
        long early = guard.snapshot().findings().get(0).evidenceLong("requests");
        for (int i = 0; i < 70; i++) {
            request(d, true);
        }
        assertThat(told).hasSize(1);
        assertThat(guard.snapshot().findings()).hasSize(1);
        assertThat(early).isLessThan(100);
        assertThat(guard.snapshot().findings().get(0).evidenceLong("requests")).isEqualTo(100);
    }

    @Test
    void aListenerThatThrowsDoesNotReachTheApplication() {
        guard.addListener(f -> {
            throw new IllegalStateException("listener bug");
        });
        PoolDestination d = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS).destination("a", 80);
        for (int i = 0; i < 30; i++) {
            request(d, true);
        }
        assertThat(guard.snapshot().findings()).hasSize(1);
    }

    @Test
    void strictModeThrowsAtTheOffendingRequestWithTheUsersFrameOnTop() {
        PortGuard strict = PortGuard.create(GuardConfig.builder().mode(GuardMode.STRICT)
                .logLevel(System.Logger.Level.OFF).build());
        PoolDestination d = strict.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS).destination("a", 80);
        int[] served = {0};
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                request(d, true);
                served[0]++;
            }
        }).isInstanceOf(PoolMisuseException.class)
                .hasMessageContaining("NEW_CONNECTION_PER_REQUEST a:80")
                .hasMessageContaining("Fix: ")
                .satisfies(e -> {
                    assertThat(((PoolMisuseException) e).finding().type())
                            .isEqualTo(FindingType.NEW_CONNECTION_PER_REQUEST);
                    assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(LedgerDetectionTest.class.getName());
                });
        assertThat(served[0]).as("the 20th request, the first at min.requests, throws").isEqualTo(19);
        assertThat(strict.snapshot().destination("a:80").orElseThrow().requests())
                .as("the call strict mode failed was never sent, so it is not a request").isEqualTo(19);
    }

    @Test
    void offModeCountsNothing() {
        PortGuard off = PortGuard.create(GuardConfig.builder().mode(GuardMode.OFF).build());
        PoolDestination d = off.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS).destination("a", 80);
        for (int i = 0; i < 100; i++) {
            request(d, true);
        }
        assertThat(off.snapshot().destinations()).isEmpty();
        assertThat(off.snapshot().findings()).isEmpty();
    }

    @Test
    void destinationsPastTheCapShareAnOverflowBucketAndNoCountIsLost() {
        PortGuard small = PortGuard.create(GuardConfig.builder().maxDestinations(3)
                .logLevel(System.Logger.Level.OFF).build());
        ClientPool pool = small.integration().newPool(KIND, FIVE_IDLE);
        for (int host = 0; host < 10; host++) {
            PoolDestination d = pool.destination("h" + host + ".example.com", 443);
            for (int i = 0; i < 5; i++) {
                request(d, i == 0);
            }
        }
        List<DestinationCounts> destinations = small.snapshot().destinations();
        assertThat(destinations).hasSize(4);
        assertThat(destinations).extracting(DestinationCounts::destination).contains("(other)");
        assertThat(destinations.stream().mapToLong(DestinationCounts::requests).sum()).isEqualTo(50);
        assertThat(destinations.stream().mapToLong(DestinationCounts::connectionsOpened).sum()).isEqualTo(10);
    }

    @Test
    void spellingsOfOneDestinationAreOneDestination() {
        ClientPool pool = guard.integration().newPool(KIND, FIVE_IDLE);
        request(pool.destination("LocalHost", 8080), true);
        request(pool.destination("localhost", 8080), false);
        request(pool.destination("[::1]", 8080), true);
        request(pool.destination("::1", 8080), false);
        assertThat(guard.snapshot().destinations()).extracting(DestinationCounts::destination)
                .containsExactlyInAnyOrder("localhost:8080", "[::1]:8080");
        assertThat(guard.snapshot().destination("localhost:8080").orElseThrow().requests()).isEqualTo(2);
    }

    @Test
    void connectTimeoutsAreCountedFromTheCauseChain() {
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("slow", 443);
        d.connectFailed(new java.io.IOException("wrapped", new java.net.SocketTimeoutException("Connect timed out")));
        d.connectFailed(new java.net.ConnectException("Connection refused"));
        DestinationCounts c = guard.snapshot().destination("slow:443").orElseThrow();
        assertThat(c.connectFailures()).isEqualTo(2);
        assertThat(c.connectTimeouts()).isEqualTo(1);
    }

    @Test
    void droppedPoolsAreCollected() throws InterruptedException {
        java.lang.ref.WeakReference<ClientPool> ref = new java.lang.ref.WeakReference<>(guard.integration().newPool(KIND, FIVE_IDLE));
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(ref.get()).isNull();
        assertThat(guard.snapshot().pools()).isEmpty();
    }

    @Test
    void theReportIsPortguardReport1(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        PoolDestination d = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS).destination("api.example.com", 443);
        for (int i = 0; i < 25; i++) {
            request(d, true);
        }
        Path file = dir.resolve("sub/report.json");
        guard.writeReport(file);
        JsonObject report = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(report.get("schema").getAsString()).isEqualTo("portguard-report/1");
        JsonObject dest = report.getAsJsonArray("destinations").get(0).getAsJsonObject();
        assertThat(dest.get("destination").getAsString()).isEqualTo("api.example.com:443");
        assertThat(dest.get("requests").getAsLong()).isEqualTo(25);
        assertThat(dest.get("connectionsOpened").getAsLong()).isEqualTo(25);
        assertThat(dest.get("connectionsReused").getAsLong()).isZero();
        JsonArray findings = report.getAsJsonArray("findings");
        JsonObject f = findings.get(0).getAsJsonObject();
        assertThat(f.keySet()).contains("type", "destination", "site", "message", "advice", "evidence");
        assertThat(f.get("type").getAsString()).isEqualTo("NEW_CONNECTION_PER_REQUEST");
        assertThat(f.getAsJsonObject("evidence").get("requests").getAsLong()).isEqualTo(25);
        try (var files = Files.list(file.getParent())) {
            // the report and its page beside it, and no temporary file left behind
            assertThat(files).containsExactlyInAnyOrder(file, file.resolveSibling("report.html"));
        }
    }

    @Test
    void resetForgetsCountsAndFindingsButKeepsClientsCounting() {
        ClientPool pool = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS);
        PoolDestination d = pool.destination("a", 80);
        for (int i = 0; i < 30; i++) {
            request(d, true);
        }
        assertThat(guard.snapshot().findings()).hasSize(1);
        guard.testing().reset();
        assertThat(guard.snapshot().findings()).isEmpty();
        assertThat(guard.snapshot().destinations()).isEmpty();
        for (int i = 0; i < 30; i++) {
            request(d, true);
        }
        assertThat(guard.snapshot().destination("a:80").orElseThrow().requests()).isEqualTo(30);
        assertThat(guard.snapshot().findings()).as("found again after a reset").hasSize(1);
    }
}
