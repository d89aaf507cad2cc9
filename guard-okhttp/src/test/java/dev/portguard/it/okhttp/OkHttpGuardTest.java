package dev.portguard.it.okhttp;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.PortGuard;
import dev.portguard.okhttp.OkHttpGuard;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OkHttp against a real loopback MockWebServer: the guard's counts must equal what the server saw. */
class OkHttpGuardTest {
    private static final String SITE_PREFIX = OkHttpGuardTest.class.getName() + ".";

    private LoopbackServer server;
    private PortGuard guard;
    private OkHttpGuard okhttp;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        okhttp = OkHttpGuard.using(guard);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void get(OkHttpClient client) throws IOException {
        get(client, new Request.Builder().url(server.url()).build());
    }

    private static void get(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }

    private DestinationCounts counts() {
        return guard.snapshot().destination(server.destination()).orElseThrow();
    }

    @Test
    void aSharedClientOpensOneConnectionFor200RequestsAsTheServerSaw() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()).build();
        for (int i = 0; i < 200; i++) {
            get(client);
        }
        DestinationCounts c = counts();
        assertThat(c.requests()).isEqualTo(200).isEqualTo(server.requests());
        assertThat(c.connectionsOpened()).isEqualTo(1).isEqualTo(server.connections());
        assertThat(c.connectionsReused()).isEqualTo(199);
        RecordedRequest first = server.server().takeRequest();
        RecordedRequest last = first;
        for (int i = 1; i < 200; i++) {
            last = server.server().takeRequest();
        }
        assertThat(first.getExchangeIndex()).isZero();
        assertThat(last.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
        assertThat(last.getExchangeIndex()).isEqualTo(199);
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @Test
    void aNewClientPerRequestIsFoundAtTheLineThatBuildsIt() throws Exception {
        for (int i = 0; i < 50; i++) {
            OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()).build();
            get(client);
        }
        GuardSnapshot s = guard.snapshot();
        assertThat(s.findings()).extracting(Finding::type).containsExactly(FindingType.NEW_CLIENT_PER_REQUEST);
        Finding f = s.findings().get(0);
        assertThat(f.destination()).isEqualTo(server.destination());
        assertThat(f.site()).startsWith(SITE_PREFIX + "aNewClientPerRequestIsFoundAtTheLineThatBuildsIt(OkHttpGuardTest.java:");
        assertThat(f.advice()).contains("OkHttpClient").contains("newBuilder()");
        assertThat(counts().connectionsOpened()).isEqualTo(50).isEqualTo(server.connections());
        assertThat(counts().requests()).isEqualTo(50).isEqualTo(server.requests());
    }

    @Test
    void aPoolThatKeepsNoIdleConnectionIsKeepAliveDisabled() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))).build();
        for (int i = 0; i < 50; i++) {
            get(client);
        }
        Finding f = onlyFinding();
        assertThat(f.type()).isEqualTo(FindingType.KEEP_ALIVE_DISABLED);
        assertThat(f.site()).startsWith(SITE_PREFIX + "aPoolThatKeepsNoIdleConnectionIsKeepAliveDisabled(");
        assertThat(f.evidenceLong("poolMaxIdle")).isZero();
        assertThat(counts().connectionsOpened()).isEqualTo(50).isEqualTo(server.connections());
        awaitCloses(50);
    }

    @Test
    void requestsSendingConnectionCloseAreKeepAliveDisabled() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()).build();
        Request request = new Request.Builder().url(server.url()).header("Connection", "close").build();
        for (int i = 0; i < 50; i++) {
            get(client, request);
        }
        Finding f = onlyFinding();
        assertThat(f.type()).isEqualTo(FindingType.KEEP_ALIVE_DISABLED);
        assertThat(f.site()).startsWith(SITE_PREFIX + "requestsSendingConnectionCloseAreKeepAliveDisabled(");
        assertThat(f.evidenceLong("requestsWithConnectionClose")).isEqualTo(50);
        assertThat(counts().connectionsOpened()).isEqualTo(50).isEqualTo(server.connections());
    }

    @Test
    void responsesSendingConnectionCloseAreKeepAliveDisabled() throws Exception {
        server.closingEachConnection();
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()).build();
        for (int i = 0; i < 50; i++) {
            get(client);
        }
        Finding f = onlyFinding();
        assertThat(f.type()).isEqualTo(FindingType.KEEP_ALIVE_DISABLED);
        assertThat(f.site()).startsWith(SITE_PREFIX + "responsesSendingConnectionCloseAreKeepAliveDisabled(");
        assertThat(f.evidenceLong("responsesWithConnectionClose")).isEqualTo(50);
        assertThat(f.advice()).contains("server");
        assertThat(counts().connectionsOpened()).isEqualTo(50).isEqualTo(server.connections());
    }

    /** {@code callers} threads, in {@code rounds} bursts that start together, with a pause between bursts. */
    private void bursts(OkHttpClient client, int callers, int rounds) throws Exception {
        server.respondingAfter(20);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier together = new CyclicBarrier(callers);
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    calls.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        get(client);
                        return null;
                    }));
                }
                for (Future<?> call : calls) {
                    call.get(30, TimeUnit.SECONDS);
                }
                Thread.sleep(100); // the quiet moment between bursts, when a pool evicts what it won't keep
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDefaultPoolUnder32ConcurrentCallersChurns() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()).build();
        bursts(client, 32, 8);
        Finding f = onlyFinding();
        assertThat(f.type()).isEqualTo(FindingType.POOL_CHURN);
        assertThat(f.site()).startsWith(SITE_PREFIX + "theDefaultPoolUnder32ConcurrentCallersChurns(");
        assertThat(f.evidenceLong("poolMaxIdle")).isEqualTo(5);
        assertThat(f.evidenceLong("peakConcurrentRequests")).isGreaterThan(5);
        assertThat(f.advice()).contains("ConnectionPool");
        assertThat(counts().connectionsOpened()).isEqualTo(server.connections());
        assertThat(counts().requests()).isEqualTo(256).isEqualTo(server.requests());
    }

    @Test
    void thirtyTwoCallersOnAPoolSizedForThemAreHealthy() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))).build();
        bursts(client, 32, 8);
        assertThat(guard.snapshot().findings()).isEmpty();
        assertThat(counts().connectionsOpened()).isEqualTo(server.connections()).isLessThanOrEqualTo(32);
        assertThat(counts().requests()).isEqualTo(256);
    }

    @Test
    void newBuilderPerRequestSharesThePoolAndIsHealthy() throws Exception {
        OkHttpClient shared = okhttp.guard(new OkHttpClient.Builder()).build();
        for (int i = 0; i < 100; i++) {
            OkHttpClient perCall = shared.newBuilder().readTimeout(Duration.ofSeconds(5 + i % 3)).build();
            get(perCall);
        }
        assertThat(guard.snapshot().findings()).isEmpty();
        assertThat(counts().connectionsOpened()).isEqualTo(1).isEqualTo(server.connections());
        assertThat(guard.snapshot().pools()).hasSize(1);
    }

    @Test
    void sixtyFourThreadsTimesAThousandRequestsAreCountedExactly() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))).build();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        get(client);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        DestinationCounts c = counts();
        assertThat(server.requests()).isEqualTo(64_000);
        assertThat(c.requests()).isEqualTo(64_000);
        assertThat(c.connectionsOpened()).isEqualTo(server.connections());
        assertThat(c.connectionsReused()).isEqualTo(64_000 - server.connections());
        assertThat(guard.snapshot().pools().get(0).inUse()).isZero();
    }

    @Test
    void theUsersOwnEventListenerStillSeesEveryEvent() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger connects = new AtomicInteger();
        AtomicInteger ends = new AtomicInteger();
        EventListener mine = new EventListener() {
            @Override
            public void callStart(Call call) {
                calls.incrementAndGet();
            }

            @Override
            public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                connects.incrementAndGet();
            }

            @Override
            public void callEnd(Call call) {
                ends.incrementAndGet();
            }
        };
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder().eventListener(mine)).build();
        for (int i = 0; i < 30; i++) {
            get(client);
        }
        assertThat(calls.get()).isEqualTo(30);
        assertThat(ends.get()).isEqualTo(30);
        assertThat(connects.get()).isEqualTo(1);
        assertThat(counts().requests()).isEqualTo(30);
        assertThat(counts().connectionsOpened()).isEqualTo(1);
    }

    @Test
    void anExistingClientIsGuardedOnItsOwnPoolAndOnlyOnce() throws Exception {
        OkHttpClient plain = new OkHttpClient();
        OkHttpClient guarded = okhttp.guard(plain);
        assertThat(guarded.connectionPool()).isSameAs(plain.connectionPool());
        assertThat(okhttp.guard(guarded)).isSameAs(guarded);
        get(guarded);
        get(okhttp.guard(guarded.newBuilder()).build());
        assertThat(counts().requests()).isEqualTo(2);
        assertThat(counts().connectionsOpened()).isEqualTo(1);
        assertThat(guard.snapshot().pools()).hasSize(1);
    }

    @Test
    void strictModeFailsTheOffendingCallWithTheCallersFrameOnTop() throws Exception {
        PortGuard strict = PortGuard.create(GuardConfig.builder().mode(GuardMode.STRICT)
                .logLevel(System.Logger.Level.OFF).build());
        OkHttpGuard strictOkHttp = OkHttpGuard.using(strict);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 50; i++) {
                get(strictOkHttp.guard(new OkHttpClient.Builder()).build());
            }
        }).isInstanceOf(PoolMisuseException.class)
                .hasMessageContaining("NEW_CLIENT_PER_REQUEST")
                .hasMessageContaining(server.destination())
                .satisfies(e -> assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(OkHttpGuardTest.class.getName()));
    }

    @Test
    void offModeLeavesTheClientAlone() throws Exception {
        PortGuard off = PortGuard.create(GuardConfig.builder().mode(GuardMode.OFF).build());
        OkHttpClient client = OkHttpGuard.using(off).guard(new OkHttpClient.Builder()).build();
        for (int i = 0; i < 30; i++) {
            get(OkHttpGuard.using(off).guard(new OkHttpClient.Builder()).build());
            get(client);
        }
        assertThat(off.snapshot().destinations()).isEmpty();
        assertThat(server.requests()).isEqualTo(60);
    }

    @Test
    void noPathOrQueryEverReachesTheGuard() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()).build();
        for (int i = 0; i < 50; i++) {
            get(okhttp.guard(new OkHttpClient.Builder()).build(),
                    new Request.Builder().url(server.url().newBuilder().addQueryParameter("token", "s3cret").build()).build());
        }
        get(client);
        String report = guard.snapshot().toJson();
        assertThat(report).contains(server.destination()).doesNotContain("s3cret").doesNotContain("/items")
                .doesNotContain("page=1");
    }

    private Finding onlyFinding() {
        List<Finding> findings = guard.snapshot().findings();
        assertThat(findings).as("%s %s", guard.snapshot().pools(), guard.snapshot().destinations()).hasSize(1);
        return findings.get(0);
    }

    private void awaitCloses(long expected) throws InterruptedException {
        for (int i = 0; i < 100 && counts().connectionsClosed() < expected; i++) {
            Thread.sleep(20);
        }
        assertThat(counts().connectionsClosed()).isEqualTo(expected);
    }
}
