package dev.portguard.it.okhttp;

import com.sun.net.httpserver.HttpServer;
import dev.portguard.core.DestinationCounts;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.Endpoints;
import dev.portguard.okhttp.OkHttpGuard;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overflow bucket {@code (other)} sums destinations that have nothing to do with each other: a client that calls
 * many hosts once each opens one connection per host, rightly, and must not be told it opens a connection per
 * request. The server listens on every address, so each 127.0.x.y is a host of its own on one real port.
 */
class OverflowBucketTest {
    private static final int HOSTS = 2_000;

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(0), 256);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void aSharedClientCalling2000HostsOnceEachGetsNoFindingOnTheOverflowBucket() throws Exception {
        PortGuard guard = PortGuard.create(GuardConfig.builder()
                .logLevel(System.Logger.Level.OFF).maxDestinations(10).build());
        OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()).build();
        int port = server.getAddress().getPort();
        for (int i = 0; i < HOSTS; i++) {
            String host = "127.0." + (1 + i / 250) + "." + (1 + i % 250);
            try (Response response = client.newCall(new Request.Builder()
                    .url("http://" + host + ":" + port + "/").build()).execute()) {
                assertThat(response.body().string()).isEqualTo("ok");
            }
        }
        client.connectionPool().evictAll();

        GuardSnapshot snapshot = guard.snapshot();
        assertThat(snapshot.findings()).isEmpty();
        DestinationCounts other = snapshot.destination(Endpoints.OTHER).orElseThrow();
        assertThat(other.requests()).isEqualTo(HOSTS - 10);
        assertThat(other.connectionsOpened()).isEqualTo(HOSTS - 10);
        assertThat(snapshot.destinations().stream().mapToLong(DestinationCounts::requests).sum())
                .isEqualTo(HOSTS).isEqualTo(served.get());
    }

    @Test
    void clientsPerRequestFromASitePastTheCapGetNoFindingOnTheOverflowSite() throws Exception {
        PortGuard guard = PortGuard.create(GuardConfig.builder()
                .logLevel(System.Logger.Level.OFF).maxSites(1).build());
        OkHttpGuard okhttp = OkHttpGuard.using(guard);
        OkHttpClient first = okhttp.guard(new OkHttpClient.Builder()).build(); // the one site counted on its own
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        get(first, url);
        for (int i = 0; i < 60; i++) {
            OkHttpClient perRequest = okhttp.guard(new OkHttpClient.Builder()).build();
            get(perRequest, url);
            perRequest.connectionPool().evictAll();
        }

        GuardSnapshot snapshot = guard.snapshot();
        assertThat(snapshot.pools()).anySatisfy(p -> assertThat(p.site()).isEqualTo(Endpoints.OTHER));
        assertThat(snapshot.findings()).isEmpty();
        assertThat(snapshot.destinations().stream().mapToLong(DestinationCounts::requests).sum())
                .isEqualTo(61).isEqualTo(served.get());
    }

    private static void get(OkHttpClient client, String url) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }
}
