package dev.portguard.it.reactor;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.MitigateScope;
import dev.portguard.core.PoolCounts;
import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.PoolSiteCounts;
import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.PortGuard;
import dev.portguard.reactor.ReactorNettyGuard;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reactor Netty's {@code HttpClient} over real loopback TCP, guarded through its own hooks: the guard's requests
 * and connections must equal what the server saw. A provider built per request is a new client per request at the
 * line that guarded it, over HTTP/1.1 and HTTP/2; {@code newConnection()} opens a connection per request; a pool
 * that drops its idle connections before the next burst churns. The global provider ({@code HttpClient.create()}
 * per request), a shared client 8 at a time, and 100 concurrent HTTP/2 streams on one connection are quiet.
 */
class ReactorNettyGuardTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private PortGuard guard;
    private ReactorNettyGuard reactor;

    @BeforeEach
    void start() {
        guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        reactor = ReactorNettyGuard.using(guard);
    }

    private DestinationCounts counts(String destination) {
        return guard.snapshot().destination(destination).orElseThrow();
    }

    private static String get(HttpClient client, String url) {
        return client.get().uri(url).responseContent().aggregate().asString().block(WAIT);
    }

    private static void concurrently(HttpClient client, String url, int requests, int atOnce) {
        List<String> bodies = Flux.range(0, requests)
                .flatMap(i -> client.get().uri(url).responseContent().aggregate().asString(), atOnce)
                .collectList().block(WAIT);
        assertThat(bodies).hasSize(requests);
    }

    @Test
    void runsOnTheReactorNettyReleaseTheBuildNames() {
        // the build runs these tests on its own Reactor Netty and on the oldest release tested
        String version = System.getProperty("portguard.test.reactorNettyVersion");
        assertThat(HttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .endsWith("/reactor-netty-http-" + version + ".jar");
    }

    @Test
    void aProviderBuiltPerRequestIsANewClientPerRequestAtItsSite() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            for (int i = 0; i < 100; i++) {
                ConnectionProvider provider = ConnectionProvider.create("per-request", 4);
                try {
                    HttpClient client = reactor.guard(HttpClient.create(provider)); // the site
                    assertThat(get(client, server.url())).isEqualTo("ok");
                } finally {
                    provider.disposeLater().block(WAIT);
                }
            }
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(100).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(100).isEqualTo(server.connections());
            assertThat(c.protocols()).containsExactly("http/1.1");
            List<Finding> findings = guard.snapshot().findings();
            assertThat(findings).hasSize(1);
            Finding f = findings.get(0);
            assertThat(f.type()).isEqualTo(FindingType.NEW_CLIENT_PER_REQUEST);
            assertThat(f.destination()).isEqualTo(server.destination());
            assertThat(f.site()).startsWith(ReactorNettyGuardTest.class.getName()
                    + ".aProviderBuiltPerRequestIsANewClientPerRequestAtItsSite(ReactorNettyGuardTest.java:");
            assertThat(f.advice()).contains("ConnectionProvider");
            assertThat(f.toString()).doesNotContain("orders").doesNotContain("secret");
        }
    }

    @Test
    void newConnectionOpensAConnectionPerRequestAndClosesIt() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            HttpClient client = reactor.guard(HttpClient.newConnection()); // the site
            for (int i = 0; i < 100; i++) {
                assertThat(get(client, server.url())).isEqualTo("ok");
            }
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(100).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(100).isEqualTo(server.connections());
            List<Finding> findings = guard.snapshot().findings();
            assertThat(findings).hasSize(1);
            Finding f = findings.get(0);
            assertThat(f.type()).isEqualTo(FindingType.NEW_CONNECTION_PER_REQUEST);
            assertThat(f.site()).startsWith(ReactorNettyGuardTest.class.getName()
                    + ".newConnectionOpensAConnectionPerRequestAndClosesIt(ReactorNettyGuardTest.java:");
            assertThat(f.advice()).contains("newConnection()");
        }
    }

    @Test
    void httpClientCreatePerRequestSharesTheGlobalProviderAndIsQuiet() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            for (int i = 0; i < 200; i++) {
                assertThat(get(reactor.guard(HttpClient.create()), server.url())).isEqualTo("ok");
            }
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(200).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(server.connections());
            // a connection is back in the pool a moment after its response, so the next request may open another,
            // up to the pool's limit (3 of 200 seen)
            assertThat(server.connections()).as("the global provider reused its connections")
                    .isLessThanOrEqualTo(ConnectionProvider.DEFAULT_POOL_MAX_CONNECTIONS);
            assertThat(guard.snapshot().pools()).hasSize(1);
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    @Test
    void aSharedClientServingEightAtATimeIsQuietAndGuardingTwiceCountsOnce() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer().respondingAfter(5)) {
            ConnectionProvider provider = ConnectionProvider.create("shared", 8);
            try {
                HttpClient client = reactor.guard(reactor.guard(HttpClient.create(provider)));
                concurrently(client, server.url(), 400, 8);
            } finally {
                provider.disposeLater().block(WAIT);
            }
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(400).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(server.connections());
            assertThat(server.connections()).as("the pool reused its connections").isLessThanOrEqualTo(8);
            long deadline = System.nanoTime() + WAIT.toNanos(); // each close is counted on its channel's event loop
            while (counts(server.destination()).connectionsClosedByClient() < server.connections()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(counts(server.destination()).connectionsClosedByClient()).as("disposing the provider closed them")
                    .isEqualTo(server.connections());
            assertThat(c.protocols()).containsExactly("http/1.1");
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    @Test
    void aPoolThatDropsItsIdleConnectionsBeforeEachBurstChurns() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer().respondingAfter(50)) {
            ConnectionProvider provider = ConnectionProvider.builder("churning").maxConnections(4)
                    .maxIdleTime(Duration.ofMillis(1)).build();
            try {
                HttpClient client = reactor.guard(HttpClient.create(provider)); // the site
                for (int round = 0; round < 20; round++) {
                    concurrently(client, server.url(), 4, 4);
                    Thread.sleep(20); // idle past maxIdleTime: the pool evicts these at the next acquisition
                }
            } finally {
                provider.disposeLater().block(WAIT);
            }
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(80).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(server.connections()).isGreaterThanOrEqualTo(76);
            String site = ReactorNettyGuardTest.class.getName()
                    + ".aPoolThatDropsItsIdleConnectionsBeforeEachBurstChurns(ReactorNettyGuardTest.java:";
            // On a starved machine a burst's 4 requests may not overlap at first, and the route is judged a new
            // connection per request before it shows its churn: both name this pool, and nothing else is said
            List<Finding> findings = guard.snapshot().findings();
            assertThat(findings).as("%s", findings).allSatisfy(f -> assertThat(f.site()).startsWith(site))
                    .extracting(Finding::type).contains(FindingType.POOL_CHURN)
                    .isSubsetOf(FindingType.POOL_CHURN, FindingType.NEW_CONNECTION_PER_REQUEST);
            Finding f = guard.snapshot().findings(FindingType.POOL_CHURN).get(0);
            assertThat(f.advice()).contains("maxIdleTime");
        }
    }

    @Test
    void thePoolKeepingItsConnectionsBetweenBurstsIsQuiet() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer().respondingAfter(50)) {
            ConnectionProvider provider = ConnectionProvider.builder("keeping").maxConnections(4).build();
            try {
                HttpClient client = reactor.guard(HttpClient.create(provider));
                for (int round = 0; round < 20; round++) {
                    concurrently(client, server.url(), 4, 4);
                    Thread.sleep(20);
                }
            } finally {
                provider.disposeLater().block(WAIT);
            }
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(80).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(server.connections()).isLessThanOrEqualTo(4);
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    @Test
    void oneSharedHttp2ConnectionCarrying100ConcurrentStreamsIsQuiet() {
        try (ReactorLoopbackServer server = new ReactorLoopbackServer(Duration.ofMillis(50))) {
            // one connection for every stream: without a strategy, Reactor opens more while streams are being set up
            ConnectionProvider provider = ConnectionProvider.builder("h2c").allocationStrategy(
                    Http2AllocationStrategy.builder().maxConnections(1).maxConcurrentStreams(1000).build()).build();
            try {
                HttpClient client = reactor.guard(HttpClient.create(provider).protocol(HttpProtocol.H2C));
                assertThat(get(client, server.url())).isEqualTo("ok"); // the connection, before the crowd
                for (int round = 0; round < 5; round++) {
                    concurrently(client, server.url(), 100, 100);
                }
            } finally {
                provider.disposeLater().block(WAIT);
            }
            // how many overlap depends on the machine's load (29 to 100 seen); on one connection, more than one is
            // what HTTP/1.1 cannot do
            assertThat(server.peakInFlight()).as("streams were in flight together").isGreaterThan(1);
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(501).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(1).isEqualTo(server.connections());
            assertThat(c.protocols()).as("HTTP/2 without TLS").containsExactly("h2c");
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    @Test
    void oneSharedHttp2ConnectionOverTlsCarrying100ConcurrentStreamsIsQuietAndNamedH2() {
        try (ReactorLoopbackServer server = new ReactorLoopbackServer(Duration.ofMillis(50), true)) {
            ConnectionProvider provider = ConnectionProvider.builder("h2").allocationStrategy(
                    Http2AllocationStrategy.builder().maxConnections(1).maxConcurrentStreams(1000).build()).build();
            try {
                HttpClient client = reactor.guard(HttpClient.create(provider).protocol(HttpProtocol.H2)
                        .secure(spec -> spec.sslContext(SelfSigned.clientSpec())));
                assertThat(get(client, server.url())).isEqualTo("ok");
                for (int round = 0; round < 3; round++) {
                    concurrently(client, server.url(), 100, 100);
                }
            } finally {
                provider.disposeLater().block(WAIT);
            }
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(301).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(1).isEqualTo(server.connections());
            assertThat(c.protocols()).as("HTTP/2 over TLS").containsExactly("h2");
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    @Test
    void theGlobalProviderOverHttp2IsQuietWhateverABurstOpens() {
        try (ReactorLoopbackServer server = new ReactorLoopbackServer(Duration.ofMillis(50))) {
            for (int round = 0; round < 5; round++) {
                // a client per round, on the global provider's HTTP/2 pool, which a burst of 100 streams makes open
                // many connections (each stream asks before a connection is up): 37 to 100 seen in the first burst,
                // and a few more in later ones on 1.2; never more than the streams in flight, so no finding
                concurrently(reactor.guard(HttpClient.create().protocol(HttpProtocol.H2C)), server.url(), 100, 100);
            }
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(500).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(server.connections());
            assertThat(c.protocols()).containsExactly("h2c");
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    @Test
    void anHttp2ProviderBuiltPerRequestIsANewClientPerRequestAtItsSite() {
        try (ReactorLoopbackServer server = new ReactorLoopbackServer()) {
            for (int i = 0; i < 60; i++) {
                ConnectionProvider provider = ConnectionProvider.create("h2c-per-request", 4);
                try {
                    HttpClient client = reactor.guard(HttpClient.create(provider).protocol(HttpProtocol.H2C));
                    assertThat(get(client, server.url())).isEqualTo("ok");
                } finally {
                    provider.disposeLater().block(WAIT);
                }
            }
            DestinationCounts c = counts(server.destination());
            assertThat(c.requests()).isEqualTo(60).isEqualTo(server.requests());
            assertThat(c.connectionsOpened()).isEqualTo(60).isEqualTo(server.connections());
            assertThat(c.protocols()).containsExactly("h2c");
            List<Finding> findings = guard.snapshot().findings();
            assertThat(findings).hasSize(1);
            assertThat(findings.get(0).type()).isEqualTo(FindingType.NEW_CLIENT_PER_REQUEST);
            assertThat(findings.get(0).site()).startsWith(ReactorNettyGuardTest.class.getName()
                    + ".anHttp2ProviderBuiltPerRequestIsANewClientPerRequestAtItsSite(ReactorNettyGuardTest.java:");
        }
    }

    @Test
    void eachClientGuardedOnNewConnectionIsAPoolAtItsOwnSite() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            HttpClient orders = reactor.guard(HttpClient.newConnection()); // one site
            HttpClient prices = reactor.guard(HttpClient.newConnection()); // another
            for (int i = 0; i < 30; i++) {
                assertThat(get(orders, server.url())).isEqualTo("ok");
                assertThat(get(prices, server.url())).isEqualTo("ok");
            }
            assertThat(counts(server.destination()).connectionsOpened()).isEqualTo(60).isEqualTo(server.connections());
            List<PoolCounts> pools = guard.snapshot().pools();
            assertThat(pools).hasSize(2).allSatisfy(p -> {
                assertThat(p.requests()).isEqualTo(30);
                assertThat(p.connectionsOpened()).isEqualTo(30);
            });
            assertThat(pools.get(0).site()).isNotEqualTo(pools.get(1).site());
            assertThat(guard.snapshot().findings()).hasSize(2)
                    .allSatisfy(f -> assertThat(f.type()).isEqualTo(FindingType.NEW_CONNECTION_PER_REQUEST))
                    .extracting(Finding::site).doesNotHaveDuplicates();
        }
    }

    @Test
    void protectModeRefusesANewConnectionWhilePooledOnesKeepServing() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp6")) || Files.isReadable(Path.of("/proc/net/tcp")),
                "port headroom is read from Linux /proc");
        // a critical threshold of 100%: any port held toward the destination makes it critical, exhausting nothing;
        // protect.wait is for clients that connect on the caller's thread: an event loop never waits
        PortGuard protect = PortGuard.create(GuardConfig.builder()
                .set("protect", "enforce").set("protect.critical", "1.0").set("headroom.interval", "10m")
                .set("protect.wait", "60s").logLevel(System.Logger.Level.OFF).build());
        ReactorNettyGuard guarded = ReactorNettyGuard.using(protect);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            ConnectionProvider provider = ConnectionProvider.create("protected", 1);
            try {
                HttpClient shared = guarded.guard(HttpClient.create(provider));
                assertThat(get(shared, server.url())).isEqualTo("ok"); // the whole range free: allowed, now pooled
                protect.testing().refreshHeadroom();

                HttpClient unpooled = guarded.guard(HttpClient.newConnection());
                long start = System.nanoTime();
                Throwable refused = catchThrowable(() -> get(unpooled, server.url()));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once, not after protect.wait")
                        .isLessThan(Duration.ofSeconds(15));
                assertThat(causes(refused)).as("%s", refused).anySatisfy(c -> assertThat(c)
                        .isInstanceOf(PortBudgetExceededException.class)
                        .hasMessageContaining("protect mode refused a new connection to " + server.destination()));

                for (int i = 0; i < 10; i++) {
                    assertThat(get(shared, server.url())).isEqualTo("ok");
                }
            } finally {
                provider.disposeLater().block(WAIT);
            }
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.requests()).isEqualTo(11);
            DestinationCounts c = protect.snapshot().destination(server.destination()).orElseThrow();
            assertThat(c.requests()).isEqualTo(11);
            assertThat(c.connectionsOpened()).isEqualTo(1);
            assertThat(c.connectFailures()).isEqualTo(1);
        }
    }

    @Test
    void aConnectThatFailsIsCountedAsOne() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // nothing listens here once it is closed
        }
        HttpClient client = reactor.guard(HttpClient.newConnection());
        Throwable failed = catchThrowable(() -> get(client, "http://127.0.0.1:" + closedPort + "/"));
        assertThat(causes(failed)).as("%s", failed).anySatisfy(c -> assertThat(c).isInstanceOf(ConnectException.class));
        DestinationCounts c = counts("127.0.0.1:" + closedPort);
        assertThat(c.connectFailures()).isEqualTo(1);
        assertThat(c.connectionsOpened()).isZero();
        assertThat(c.requests()).isZero();
    }

    @Test
    void strictModeFailsTheRequestThatMakesAFinding() throws Exception {
        PortGuard strict = PortGuard.create(GuardConfig.builder().mode(GuardMode.STRICT)
                .logLevel(System.Logger.Level.OFF).build());
        ReactorNettyGuard guarded = ReactorNettyGuard.using(strict);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            Throwable failed = null;
            int answered = 0;
            for (int i = 0; i < 50 && failed == null; i++) {
                ConnectionProvider provider = ConnectionProvider.create("strict-per-request", 4);
                try {
                    assertThat(get(guarded.guard(HttpClient.create(provider)), server.url())).isEqualTo("ok");
                    answered++;
                } catch (RuntimeException e) {
                    failed = e;
                } finally {
                    provider.disposeLater().block(WAIT);
                }
            }
            assertThat(failed).isInstanceOf(PoolMisuseException.class)
                    .hasMessageContaining("NEW_CLIENT_PER_REQUEST")
                    .hasMessageContaining(server.destination())
                    .hasMessageContaining("ReactorNettyGuardTest.strictModeFailsTheRequestThatMakesAFinding(");
            assertThat(answered).isLessThan(50);
            assertThat(server.requests()).as("the failed request never reached the server").isEqualTo(answered);
            assertThat(strict.snapshot().findings()).singleElement()
                    .satisfies(f -> assertThat(f.type()).isEqualTo(FindingType.NEW_CLIENT_PER_REQUEST));
        }
    }

    @Test
    void mitigateModeLeavesAProviderPerRequestAsBuiltAndTheReportSaysWhy() throws Exception {
        PortGuard mitigate = PortGuard.create(GuardConfig.builder().mode(GuardMode.MITIGATE)
                .mitigate(MitigateScope.ALL).mitigateAfter(2).minRequests(10).newClientThreshold(5)
                .headroomProbe(false).logLevel(System.Logger.Level.OFF).build());
        ReactorNettyGuard guarded = ReactorNettyGuard.using(mitigate);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            for (int i = 0; i < 20; i++) {
                ConnectionProvider provider = ConnectionProvider.create("mitigate-per-request", 4);
                try {
                    assertThat(get(guarded.guard(HttpClient.create(provider)), server.url())).isEqualTo("ok");
                } finally {
                    provider.disposeLater().block(WAIT);
                }
            }
            assertThat(server.connections()).isEqualTo(20);
            PoolSiteCounts site = mitigate.snapshot().poolSites().get(0);
            assertThat(site.mitigated()).isFalse();
            assertThat(site.mitigation().reason()).contains("share one provider in code");
        }
    }

    @Test
    void aResponseWhoseBodyIsNeverConsumedIsALeakAndResponsesReadToTheEndAreNot() throws Exception {
        DisposableServer silent = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendHeaders().neverComplete()) // a body that never ends
                .bindNow();
        ConnectionProvider provider = ConnectionProvider.create("leaky", 8);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            HttpClient client = reactor.guard(HttpClient.create(provider)); // the client's site
            for (int i = 0; i < 50; i++) {
                assertThat(get(client, server.url())).isEqualTo("ok");
            }
            // what guard-junit does when a test ends: any lease still held is a leak, whatever its age; a response
            // read to its end gave its lease back before the application saw the end
            guard.testing().findLeaksNow();
            assertThat(guard.snapshot().findings()).isEmpty();

            String silentUrl = "http://127.0.0.1:" + silent.port() + "/orders?token=secret";
            for (int i = 0; i < 3; i++) {
                // the status is all the code looks at; the body is never consumed, so the connection is never
                // given back
                Integer status = client.get().uri(silentUrl)
                        .responseConnection((response, connection) -> Mono.just(response.status().code()))
                        .blockLast(WAIT);
                assertThat(status).isEqualTo(200);
            }
            guard.testing().findLeaksNow();
            assertThat(guard.snapshot().findings()).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.CONNECTION_LEAK);
                assertThat(f.destination()).isEqualTo("127.0.0.1:" + silent.port());
                assertThat(f.advice()).contains("responseConnection");
                assertThat(f.toString()).doesNotContain("orders").doesNotContain("secret");
            });
        } finally {
            provider.disposeLater().block(WAIT);
            silent.disposeNow(WAIT);
        }
    }

    @Test
    void aLongStreamThatKeepsReadingIsNoLeak() throws Exception {
        PortGuard aging = PortGuard.create(GuardConfig.builder().set("leak.age", "1500ms").set("leak.count", "1")
                .logLevel(System.Logger.Level.OFF).build());
        DisposableServer streaming = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(
                        Flux.interval(Duration.ofMillis(100)).take(25).map(i -> "x"))) // 2.5 s, a chunk each 100 ms
                .bindNow();
        try {
            HttpClient client = ReactorNettyGuard.using(aging).guard(HttpClient.newConnection());
            String body = client.get().uri("http://127.0.0.1:" + streaming.port() + "/")
                    .responseContent().aggregate().asString().block(WAIT);
            assertThat(body).hasSize(25);
            // the leak watch looked every 375 ms while the stream ran past leak.age: its reads kept it young
            assertThat(aging.snapshot().findings(FindingType.CONNECTION_LEAK)).isEmpty();
        } finally {
            streaming.disposeNow(WAIT);
        }
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }
}
