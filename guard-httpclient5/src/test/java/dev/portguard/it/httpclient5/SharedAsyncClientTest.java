package dev.portguard.it.httpclient5;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.testing.LoopbackHttpServer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared async client hands a connection back to the pool a moment after its response completes, so the next
 * request sometimes finds none idle and opens another: a few connections per thousand requests. That is healthy.
 */
class SharedAsyncClientTest {

    @Test
    void aThousandSequentialRequestsAreCountedExactlyAndNotFlagged() throws Exception {
        PortGuard guard = Guards.quiet();
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             CloseableHttpAsyncClient client = HttpClient5Guard.instrument(HttpAsyncClients.custom(), guard).build()) {
            client.start();
            for (int i = 0; i < 1_000; i++) {
                assertThat(Calls.get(client, server.url())).isEqualTo(200);
            }
            Guards.awaitIdle(guard);
            LoopbackHttpServer.Tally seen = server.tally();
            DestinationCounts counts = Guards.counts(guard, server.destination());
            System.out.printf("async shared, 1000 sequential: guard requests=%d opened=%d reused=%d; server"
                    + " requests=%d connections=%d%n", counts.requests(), counts.connectionsOpened(),
                    counts.connectionsReused(), seen.requests(), seen.connections());

            assertThat(seen.requests()).isEqualTo(1_000);
            assertThat(counts.requests()).isEqualTo(seen.requests());
            assertThat(counts.connectionsOpened()).isEqualTo(seen.connections());
            assertThat(counts.connectionsReused()).isEqualTo(seen.requests() - seen.connections());
            assertThat(seen.connections()).isLessThan(50); // a handful, not one per request
            assertThat(counts.keepAliveRefusals()).isZero();
            assertThat(guard.snapshot().findings()).isEmpty();
        }
    }
}
