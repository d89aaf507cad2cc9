package dev.portguard.it.httpclient5;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.testing.LoopbackHttpServer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A client, and so a connection pool, built for every call: each call opens a connection and drops it. */
class NewClientPerRequestTest {
    private static final int CALLS = 30;

    @Test
    void aDefaultClientPerCall() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            for (int i = 0; i < CALLS; i++) {
                // What HttpClients.createDefault() builds, guarded, once per call.
                try (CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom(), guard).build()) {
                    assertThat(Calls.get(client, server.url())).isEqualTo(200);
                }
            }
            assertFlagged(guard, server, "aDefaultClientPerCall", "CloseableHttpClient");
        }
    }

    @Test
    void aPoolingManagerBuiltPerCall() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            for (int i = 0; i < CALLS; i++) {
                // A "pooling" manager pools nothing when each call builds its own.
                try (CloseableHttpClient client = HttpClients.custom()
                        .setConnectionManager(HttpClient5Guard.guard(
                                PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(20).build(), guard))
                        .build()) {
                    assertThat(Calls.get(client, server.url())).isEqualTo(200);
                }
            }
            assertFlagged(guard, server, "aPoolingManagerBuiltPerCall", "PoolingHttpClientConnectionManager");
        }
    }

    @Test
    void anAsyncClientPerCall() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            for (int i = 0; i < CALLS; i++) {
                try (CloseableHttpAsyncClient client =
                             HttpClient5Guard.instrument(HttpAsyncClients.custom(), guard).build()) {
                    client.start();
                    assertThat(Calls.get(client, server.url())).isEqualTo(200);
                }
            }
            assertFlagged(guard, server, "anAsyncClientPerCall", "CloseableHttpAsyncClient");
        }
    }

    @Test
    void strictModeFailsTheCallThatMakesTheFinding() throws Exception {
        PortGuard guard = PortGuard.create(GuardConfig.builder().mode(GuardMode.STRICT)
                .logLevel(System.Logger.Level.OFF).build());
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            int calls = 0;
            PoolMisuseException failure = null;
            while (failure == null && calls < CALLS) {
                calls++;
                try (CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom(), guard).build()) {
                    Calls.get(client, server.url());
                } catch (PoolMisuseException e) {
                    failure = e;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.finding().type()).isEqualTo(FindingType.NEW_CLIENT_PER_REQUEST);
            assertThat(calls).isLessThan(CALLS);
        }
    }

    @Test
    void clientsBuiltOnceAtStartUpAndSharedAreNotFlagged() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            // Twelve long-lived clients from one factory line: many pools from one site, each serving many calls.
            // (Used one after another: used round-robin from the first call, twelve pools with twelve requests look
            // exactly like a client per call until more requests come, and the guard judges early.)
            List<CloseableHttpClient> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                clients.add(HttpClient5Guard.instrument(HttpClients.custom(), guard).build());
            }
            try {
                for (CloseableHttpClient client : clients) {
                    for (int i = 0; i < 20; i++) {
                        assertThat(Calls.get(client, server.url())).isEqualTo(200);
                    }
                }
            } finally {
                for (CloseableHttpClient client : clients) {
                    client.close();
                }
            }
            LoopbackHttpServer.Tally seen = server.tally();
            DestinationCounts counts = Guards.counts(guard, server.destination());
            System.out.printf("12 shared clients x 20 calls each: guard requests=%d opened=%d; server requests=%d"
                    + " connections=%d%n", counts.requests(), counts.connectionsOpened(), seen.requests(),
                    seen.connections());
            assertThat(seen).isEqualTo(new LoopbackHttpServer.Tally(240, 12));
            assertThat(counts.connectionsOpened()).isEqualTo(seen.connections());
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }

    private void assertFlagged(PortGuard guard, LoopbackHttpServer server, String method, String api) throws Exception {
        LoopbackHttpServer.Tally seen = server.tally();
        DestinationCounts counts = Guards.counts(guard, server.destination());
        System.out.printf("%s, %d calls: guard requests=%d opened=%d; server requests=%d connections=%d%n",
                method, CALLS, counts.requests(), counts.connectionsOpened(), seen.requests(), seen.connections());
        assertThat(seen).isEqualTo(new LoopbackHttpServer.Tally(CALLS, CALLS));
        assertThat(counts.requests()).isEqualTo(seen.requests());
        assertThat(counts.connectionsOpened()).isEqualTo(seen.connections());

        List<Finding> findings = guard.snapshot().findings();
        assertThat(findings).extracting(Finding::type).containsExactly(FindingType.NEW_CLIENT_PER_REQUEST);
        Finding finding = findings.get(0);
        assertThat(finding.site()).startsWith(getClass().getName() + "." + method + "(NewClientPerRequestTest.java:");
        assertThat(finding.destination()).isEqualTo(server.destination());
        assertThat(finding.advice()).contains(api);
    }
}
