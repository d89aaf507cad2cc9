package dev.portguard.it.httpclient5;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.testing.LoopbackHttpServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A classic client shared as it should be: counted exactly as the server saw it, and never flagged. */
class SharedClassicClientTest {

    @Test
    void sequentialRequestsReuseOneConnection() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom(), guard).build()) {
            for (int i = 0; i < 200; i++) {
                assertThat(Calls.get(client, server.url())).isEqualTo(200);
            }
            LoopbackHttpServer.Tally seen = server.tally();
            DestinationCounts counts = Guards.counts(guard, server.destination());
            System.out.printf("classic shared, 200 sequential: guard requests=%d opened=%d reused=%d; server"
                    + " requests=%d connections=%d%n", counts.requests(), counts.connectionsOpened(),
                    counts.connectionsReused(), seen.requests(), seen.connections());

            assertThat(seen).isEqualTo(new LoopbackHttpServer.Tally(200, 1));
            assertThat(counts.requests()).isEqualTo(seen.requests());
            assertThat(counts.connectionsOpened()).isEqualTo(seen.connections());
            assertThat(counts.connectionsReused()).isEqualTo(199);
            assertThat(counts.keepAliveRefusals()).isZero();
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    @Test
    void sixtyFourThreadsOfAThousandRequestsAreCountedExactly() throws Exception {
        PortGuard guard = Guards.quiet();
        int threads = 64;
        int perThread = 1_000;
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                             .setMaxConnPerRoute(threads).setMaxConnTotal(threads).build()), guard).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < perThread; i++) {
                            if (Calls.get(client, server.url()) == 200) {
                                ok++;
                            }
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> f : done) {
                    assertThat(f.get()).isEqualTo(perThread);
                }
            } finally {
                pool.shutdownNow();
            }
            LoopbackHttpServer.Tally seen = server.tally();
            DestinationCounts counts = Guards.counts(guard, server.destination());
            System.out.printf("classic shared, %d threads x %d: guard requests=%d opened=%d reused=%d; server"
                    + " requests=%d connections=%d; peak in use=%d%n", threads, perThread, counts.requests(),
                    counts.connectionsOpened(), counts.connectionsReused(), seen.requests(), seen.connections(),
                    guard.snapshot().pools().get(0).peakInUse());

            assertThat(seen.requests()).isEqualTo((long) threads * perThread);
            assertThat(counts.requests()).isEqualTo(seen.requests());
            assertThat(counts.connectionsOpened()).isEqualTo(seen.connections());
            assertThat(counts.connectionsReused()).isEqualTo(seen.requests() - seen.connections());
            assertThat(seen.connections()).isBetween(1L, (long) threads);
            assertThat(guard.snapshot().pools()).singleElement()
                    .satisfies(p -> assertThat(p.inUse()).isZero());
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }
}
