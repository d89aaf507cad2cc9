package dev.portguard.it.httpclient5;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.testing.CountingServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The async client with HTTP/2 forced (h2c, prior knowledge) against a loopback HTTP/2 server that counts the
 * sockets it accepted. HttpClient 5 (before 5.7) leases one HTTP/2 connection per exchange from its pool, so 100
 * requests at once share the route's few connections: healthy, counted as the server saw it, and reported as h2c.
 * A client built per request over HTTP/2 is still a client per request.
 */
class Http2AsyncClientTest {
    private static final int ROUNDS = 5;
    private static final int AT_ONCE = 100;

    private final MockWebServer server = new MockWebServer();
    private final AtomicLong accepted = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        server.setServerSocketFactory(new CountingServerSocketFactory(accepted));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body("ok").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getPort() + "/h2";
    }

    private String destination() {
        return "127.0.0.1:" + server.getPort();
    }

    @SuppressWarnings("deprecation") // the version policy on the builder, as every 5.x release takes it
    private static CloseableHttpAsyncClient http2(PortGuard guard) {
        return HttpClient5Guard.instrument(HttpAsyncClients.custom()
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2), guard).build();
    }

    @Test
    void aSharedClientSending100RequestsAtOnceIsHealthyAndSaysH2c() throws Exception {
        PortGuard guard = Guards.quiet();
        try (CloseableHttpAsyncClient client = http2(guard)) {
            client.start();
            for (int round = 0; round < ROUNDS; round++) {
                List<Future<SimpleHttpResponse>> calls = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    calls.add(client.execute(SimpleRequestBuilder.get(url()).build(), null));
                }
                for (Future<SimpleHttpResponse> c : calls) {
                    assertThat(c.get(30, TimeUnit.SECONDS).getCode()).isEqualTo(200);
                }
            }
            Guards.awaitIdle(guard);
            DestinationCounts counts = Guards.counts(guard, destination());
            System.out.printf("async h2c shared, %d x %d at once: guard requests=%d opened=%d; server requests=%d"
                    + " connections=%d%n", ROUNDS, AT_ONCE, counts.requests(), counts.connectionsOpened(),
                    server.getRequestCount(), accepted.get());

            assertThat(server.getRequestCount()).isEqualTo(ROUNDS * AT_ONCE);
            assertThat(counts.requests()).isEqualTo(server.getRequestCount());
            assertThat(counts.connectionsOpened()).isEqualTo(accepted.get());
            assertThat(accepted.get()).as("the route's few connections, shared").isBetween(1L, 5L);
            assertThat(counts.protocols()).containsExactly("h2c");
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    @Test
    void aClientBuiltPerRequestOverHttp2IsStillOne() throws Exception {
        PortGuard guard = Guards.quiet();
        for (int i = 0; i < 40; i++) {
            try (CloseableHttpAsyncClient client = http2(guard)) {
                client.start();
                assertThat(Calls.get(client, url())).isEqualTo(200);
            }
        }
        DestinationCounts counts = Guards.counts(guard, destination());
        assertThat(counts.requests()).isEqualTo(server.getRequestCount()).isEqualTo(40);
        assertThat(counts.connectionsOpened()).isEqualTo(accepted.get()).isEqualTo(40);
        assertThat(counts.protocols()).containsExactly("h2c");
        assertThat(guard.snapshot().findings()).extracting(f -> f.type())
                .containsExactly(FindingType.NEW_CLIENT_PER_REQUEST);
    }
}
