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
import dev.portguard.testing.LoopbackHttpServer;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OkHttp against a real loopback server: the guard's counts must equal what the server saw. Written once against
 * the API OkHttp 4.12 and 5.x share, and run by one subclass per OkHttp version (guard-okhttp is compiled against 5.x
 * and must work on both); what only one version has is tested in its subclass.
 */
public abstract class OkHttpGuardScenarios {
    private static final String SITE_PREFIX = OkHttpGuardScenarios.class.getName() + ".";

    protected LoopbackHttpServer server;
    protected PortGuard guard;
    protected OkHttpGuard okhttp;

    /** The start of the OkHttp version the subclass runs against, such as {@code "4.12."}. */
    protected abstract String okHttpVersion();

    @BeforeEach
    void start() throws Exception {
        // Read at run time: OkHttp.VERSION is a constant the compiler would copy from the version compiled against.
        assertThat((String) okhttp3.OkHttp.class.getField("VERSION").get(null)).startsWith(okHttpVersion());
        server = new LoopbackHttpServer();
        guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        okhttp = OkHttpGuard.using(guard);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    protected void get(OkHttpClient client) throws IOException {
        get(client, new Request.Builder().url(server.url()).build());
    }

    protected static void get(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }

    protected DestinationCounts counts() {
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
        assertThat(server.requestsPerConnection()).as("all 200 requests on the one connection").containsExactly(200);
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @Test
    void theReportSaysWhichProtocolTheConnectionsSpoke() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()).build();
        get(client);
        assertThat(counts().protocols()).containsExactly("http/1.1");
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
        assertThat(f.site()).startsWith(SITE_PREFIX + "aNewClientPerRequestIsFoundAtTheLineThatBuildsIt(OkHttpGuardScenarios.java:");
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
    void serverConnectionCloseIsSeenThroughTheUsersListener() throws Exception {
        server.closingEachConnection();
        AtomicInteger userCallStarts = new AtomicInteger();
        AtomicInteger userConnects = new AtomicInteger();
        AtomicInteger userResponses = new AtomicInteger();
        AtomicInteger userCallEnds = new AtomicInteger();
        EventListener mine = new EventListener() {
            @Override
            public void callStart(Call call) {
                userCallStarts.incrementAndGet();
            }

            @Override
            public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                userConnects.incrementAndGet();
            }

            @Override
            public void responseHeadersEnd(Call call, Response response) {
                userResponses.incrementAndGet();
            }

            @Override
            public void callEnd(Call call) {
                userCallEnds.incrementAndGet();
            }
        };
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder().eventListener(mine)).build();
        for (int i = 0; i < 40; i++) {
            get(client);
        }
        assertThat(userCallStarts.get()).isEqualTo(40);
        assertThat(userConnects.get()).isEqualTo(40);
        assertThat(userResponses.get()).isEqualTo(40);
        assertThat(userCallEnds.get()).isEqualTo(40);
        assertThat(counts().keepAliveRefusals()).isEqualTo(40);
        assertThat(counts().connectionsOpened()).isEqualTo(40).isEqualTo(server.connections());
        assertThat(guard.snapshot().findings()).extracting(Finding::type)
                .containsExactly(FindingType.KEEP_ALIVE_DISABLED);
    }

    @Test
    void theUsersListenerHearsTheSameEventsInTheSameOrderAsWithoutTheGuard() throws Exception {
        List<String> plain = Collections.synchronizedList(new ArrayList<>());
        OkHttpClient unguarded = new OkHttpClient.Builder().eventListener(new RecordingListener(plain)).build();
        List<String> guarded = Collections.synchronizedList(new ArrayList<>());
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder().eventListener(new RecordingListener(guarded)))
                .build();
        for (int i = 0; i < 3; i++) {
            get(unguarded);
            get(client);
        }
        assertThat(plain).contains("connectStart", "connectionAcquired", "responseBodyEnd", "callEnd");
        assertThat(guarded).isEqualTo(plain);
        assertThat(counts().requests()).isEqualTo(3);
        assertThat(counts().connectionsOpened()).isEqualTo(1);
        assertThat(server.requestsPerConnection()).containsExactly(3, 3);
    }

    /** Records the name of each event of a plain call, in the order OkHttp reports them. */
    protected static class RecordingListener extends EventListener {
        protected final List<String> events;

        protected RecordingListener(List<String> events) {
            this.events = events;
        }

        @Override
        public void callStart(Call call) {
            events.add("callStart");
        }

        @Override
        public void proxySelectStart(Call call, HttpUrl url) {
            events.add("proxySelectStart");
        }

        @Override
        public void proxySelectEnd(Call call, HttpUrl url, List<Proxy> proxies) {
            events.add("proxySelectEnd");
        }

        @Override
        public void dnsStart(Call call, String domainName) {
            events.add("dnsStart");
        }

        @Override
        public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
            events.add("dnsEnd");
        }

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            events.add("connectStart");
        }

        @Override
        public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
            events.add("connectEnd");
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            events.add("connectionAcquired");
        }

        @Override
        public void requestHeadersStart(Call call) {
            events.add("requestHeadersStart");
        }

        @Override
        public void requestHeadersEnd(Call call, Request request) {
            events.add("requestHeadersEnd");
        }

        @Override
        public void responseHeadersStart(Call call) {
            events.add("responseHeadersStart");
        }

        @Override
        public void responseHeadersEnd(Call call, Response response) {
            events.add("responseHeadersEnd");
        }

        @Override
        public void responseBodyStart(Call call) {
            events.add("responseBodyStart");
        }

        @Override
        public void responseBodyEnd(Call call, long byteCount) {
            events.add("responseBodyEnd");
        }

        @Override
        public void connectionReleased(Call call, Connection connection) {
            events.add("connectionReleased");
        }

        @Override
        public void callEnd(Call call) {
            events.add("callEnd");
        }
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
                .satisfies(e -> assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(OkHttpGuardScenarios.class.getName()));
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
                    new Request.Builder().url(server.url() + "&session=s3cret").build());
        }
        get(client);
        String report = guard.snapshot().toJson();
        assertThat(report).contains(server.destination()).doesNotContain("s3cret").doesNotContain("/items")
                .doesNotContain("page=1").doesNotContain("secret");
    }

    protected Finding onlyFinding() {
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
