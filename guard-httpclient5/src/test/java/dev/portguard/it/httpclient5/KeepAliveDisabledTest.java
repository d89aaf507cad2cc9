package dev.portguard.it.httpclient5;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.testing.LoopbackHttpServer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One shared client, yet every request opens a connection, because someone turned keep-alive off. */
class KeepAliveDisabledTest {
    private static final int REQUESTS = 50;

    @Test
    void aReuseStrategyThatNeverReuses() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom()
                     .setConnectionReuseStrategy((request, response, context) -> false), guard).build()) {
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(Calls.get(client, server.url())).isEqualTo(200);
            }
            Finding finding = flagged(guard, server, "never-reuse strategy (classic)");
            assertThat(finding.advice()).contains("setConnectionReuseStrategy");
            assertThat(Guards.counts(guard, server.destination()).connectionsClosedByClient()).isEqualTo(REQUESTS);
        }
    }

    @Test
    void requestsAskingForConnectionClose() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom(), guard).build()) {
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(Calls.getClosing(client, server.url())).isEqualTo(200);
            }
            Finding finding = flagged(guard, server, "request Connection: close (classic)");
            assertThat(finding.evidenceLong("requestsWithConnectionClose")).isEqualTo(REQUESTS);
            assertThat(finding.advice()).contains("'Connection: close' request header");
        }
    }

    @Test
    void aServerAnsweringConnectionClose() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer().closingEachConnection();
             CloseableHttpClient client = HttpClient5Guard.instrument(HttpClients.custom(), guard).build()) {
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(Calls.get(client, server.url())).isEqualTo(200);
            }
            Finding finding = flagged(guard, server, "response Connection: close (classic)");
            assertThat(finding.evidenceLong("responsesWithConnectionClose")).isEqualTo(REQUESTS);
            assertThat(finding.evidenceLong("requestsWithConnectionClose")).isZero();
            assertThat(finding.advice()).contains("server");
        }
    }

    @Test
    void aServerAnsweringConnectionCloseToAnAsyncClient() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer().closingEachConnection();
             CloseableHttpAsyncClient client = HttpClient5Guard.instrument(HttpAsyncClients.custom(), guard).build()) {
            client.start();
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(Calls.get(client, server.url())).isEqualTo(200);
            }
            Finding finding = flagged(guard, server, "response Connection: close (async)");
            assertThat(finding.evidenceLong("responsesWithConnectionClose")).isEqualTo(REQUESTS);
        }
    }

    @Test
    void anAsyncReuseStrategyThatNeverReuses() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             CloseableHttpAsyncClient client = HttpClient5Guard.instrument(HttpAsyncClients.custom()
                     .setConnectionReuseStrategy((request, response, context) -> false), guard).build()) {
            client.start();
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(Calls.get(client, server.url())).isEqualTo(200);
            }
            Finding finding = flagged(guard, server, "never-reuse strategy (async)");
            assertThat(finding.advice()).contains("HttpAsyncClientBuilder.setConnectionReuseStrategy");
        }
    }

    private Finding flagged(PortGuard guard, LoopbackHttpServer server, String scenario) throws Exception {
        Guards.awaitIdle(guard);
        LoopbackHttpServer.Tally seen = server.tally();
        DestinationCounts counts = Guards.counts(guard, server.destination());
        System.out.printf("%s, %d requests: guard requests=%d opened=%d refusals=%d closed=%d byClient=%d;"
                        + " server requests=%d connections=%d%n", scenario, REQUESTS, counts.requests(),
                counts.connectionsOpened(), counts.keepAliveRefusals(), counts.connectionsClosed(),
                counts.connectionsClosedByClient(), seen.requests(), seen.connections());
        assertThat(seen).isEqualTo(new LoopbackHttpServer.Tally(REQUESTS, REQUESTS));
        assertThat(counts.requests()).isEqualTo(seen.requests());
        assertThat(counts.connectionsOpened()).isEqualTo(seen.connections());
        assertThat(counts.keepAliveRefusals()).isEqualTo(REQUESTS);

        List<Finding> findings = guard.snapshot().findings();
        assertThat(findings).extracting(Finding::type).containsExactly(FindingType.KEEP_ALIVE_DISABLED);
        Finding finding = findings.get(0);
        assertThat(finding.site()).startsWith(getClass().getName() + ".");
        assertThat(finding.destination()).isEqualTo(server.destination());
        return finding;
    }
}
