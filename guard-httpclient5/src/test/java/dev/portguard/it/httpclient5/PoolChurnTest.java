package dev.portguard.it.httpclient5;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.testing.LoopbackHttpServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apache's pool holds at most {@code maxTotal} connections. When callers of two destinations together need more
 * at once, a full pool closes an idle connection of one destination to open one to the other, over and over.
 */
class PoolChurnTest {
    private static final int THREADS_PER_DESTINATION = 4;
    private static final int ROUNDS = 150;

    @Test
    void aPoolSmallerThanTheCallersKeepsReopening() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer a = new LoopbackHttpServer(); LoopbackHttpServer b = new LoopbackHttpServer();
             CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                             .setMaxConnPerRoute(THREADS_PER_DESTINATION).setMaxConnTotal(THREADS_PER_DESTINATION)
                             .build()), guard).build()) {
            runAgainst(client, a, b);
            report("maxTotal=4, 2x4 callers", guard, a, b);

            assertThat(guard.snapshot().findings(FindingType.POOL_CHURN)).isNotEmpty().allSatisfy(f -> {
                assertThat(f.site()).startsWith(getClass().getName() + ".aPoolSmallerThanTheCallersKeepsReopening(");
                assertThat(f.advice()).contains("setMaxConnTotal");
                assertThat(f.message()).contains("holds at most 4 connections");
                assertThat(f.evidenceLong("peakConcurrentRequests")).isEqualTo(THREADS_PER_DESTINATION);
                assertThat(f.evidenceLong("connectionsOpened")).isGreaterThan(2L * THREADS_PER_DESTINATION);
            });
            assertThat(guard.snapshot().findings()).extracting(Finding::type).containsOnly(FindingType.POOL_CHURN);
        }
    }

    @Test
    void aPoolSizedForTheCallersKeepsItsConnections() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer a = new LoopbackHttpServer(); LoopbackHttpServer b = new LoopbackHttpServer();
             CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                             .setMaxConnPerRoute(THREADS_PER_DESTINATION)
                             .setMaxConnTotal(2 * THREADS_PER_DESTINATION).build()), guard).build()) {
            runAgainst(client, a, b);
            report("maxTotal=8, 2x4 callers", guard, a, b);

            for (LoopbackHttpServer server : List.of(a, b)) {
                DestinationCounts counts = Guards.counts(guard, server.destination());
                assertThat(counts.connectionsOpened()).isLessThanOrEqualTo(THREADS_PER_DESTINATION);
            }
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    /** Each round, four callers to each destination start together, so both destinations want the pool at once. */
    private static void runAgainst(CloseableHttpClient client, LoopbackHttpServer a, LoopbackHttpServer b) throws Exception {
        int threads = 2 * THREADS_PER_DESTINATION;
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String url = (t % 2 == 0 ? a : b).url();
                done.add(pool.submit(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        together.await();
                        assertThat(Calls.get(client, url)).isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void report(String scenario, PortGuard guard, LoopbackHttpServer... servers) throws Exception {
        for (LoopbackHttpServer server : servers) {
            LoopbackHttpServer.Tally seen = server.tally();
            DestinationCounts counts = Guards.counts(guard, server.destination());
            System.out.printf("%s toward %s: guard requests=%d opened=%d reused=%d; server requests=%d"
                    + " connections=%d%n", scenario, server.destination(), counts.requests(),
                    counts.connectionsOpened(), counts.connectionsReused(), seen.requests(), seen.connections());
            assertThat(counts.requests()).isEqualTo(seen.requests());
            assertThat(counts.connectionsOpened()).isEqualTo(seen.connections());
        }
        System.out.println(scenario + ": " + guard.snapshot().pools() + " " + guard.snapshot().findings());
    }
}
