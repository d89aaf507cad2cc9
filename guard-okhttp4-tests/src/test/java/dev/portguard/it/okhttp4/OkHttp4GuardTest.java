package dev.portguard.it.okhttp4;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.okhttp.OkHttpGuard;
import dev.portguard.testing.NoDelayServerSocketFactory;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * guard-okhttp, compiled against OkHttp 5, running on OkHttp 4.12 and its MockWebServer: the same counts and
 * findings, and the user's listener composed without OkHttp 5's {@code EventListener.plus}.
 */
class OkHttp4GuardTest {
    private final MockWebServer server = new MockWebServer();
    /** Requests that were the first on their connection: the connections the server accepted and used. */
    private final AtomicInteger serverConnections = new AtomicInteger();
    private volatile boolean closeConnections;
    private PortGuard guard;
    private OkHttpGuard okhttp;

    @BeforeEach
    void start() throws IOException {
        assertThat(okhttp3.OkHttp.VERSION).startsWith("4.12");
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getSequenceNumber() == 0) {
                    serverConnections.incrementAndGet();
                }
                MockResponse response = new MockResponse().setBody("ok");
                return closeConnections ? response.addHeader("Connection", "close") : response;
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        okhttp = OkHttpGuard.using(guard);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private void get(OkHttpClient client) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(server.url("/a?b=c")).build()).execute()) {
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }

    private DestinationCounts counts() {
        return guard.snapshot().destination(server.url("/").host() + ":" + server.getPort()).orElseThrow();
    }

    @Test
    void aSharedClientOpensOneConnection() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()).build();
        for (int i = 0; i < 200; i++) {
            get(client);
        }
        assertThat(counts().requests()).isEqualTo(200).isEqualTo(server.getRequestCount());
        assertThat(counts().connectionsOpened()).isEqualTo(1).isEqualTo(serverConnections.get());
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @Test
    void aNewClientPerRequestIsFound() throws Exception {
        for (int i = 0; i < 40; i++) {
            get(okhttp.guard(new OkHttpClient.Builder()).build());
        }
        Finding f = guard.snapshot().findings().get(0);
        assertThat(f.type()).isEqualTo(FindingType.NEW_CLIENT_PER_REQUEST);
        assertThat(f.site()).startsWith(OkHttp4GuardTest.class.getName() + ".aNewClientPerRequestIsFound(");
        assertThat(counts().connectionsOpened()).isEqualTo(40).isEqualTo(serverConnections.get());
    }

    @Test
    void aZeroIdlePoolIsReadOn4Too() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))).build();
        for (int i = 0; i < 40; i++) {
            get(client);
        }
        Finding f = guard.snapshot().findings().get(0);
        assertThat(f.type()).isEqualTo(FindingType.KEEP_ALIVE_DISABLED);
        assertThat(f.evidenceLong("poolMaxIdle")).isZero();
    }

    @Test
    void serverConnectionCloseIsSeenThroughTheUsersListener() throws Exception {
        closeConnections = true;
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
        assertThat(guard.snapshot().findings()).extracting(Finding::type)
                .containsExactly(FindingType.KEEP_ALIVE_DISABLED);
    }

    @Test
    void concurrentCallersAreCountedExactly() throws Exception {
        OkHttpClient client = okhttp.guard(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))).build();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        get(client);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counts().requests()).isEqualTo(8000).isEqualTo(server.getRequestCount());
        assertThat(counts().connectionsOpened()).isEqualTo(serverConnections.get());
        assertThat(counts().connectionsReused()).isEqualTo(8000 - serverConnections.get());
    }
}
