package dev.portguard.it.httpclient5;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.testing.LoopbackHttpServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Protect mode through HttpClient 5: a refused connect fails the call with {@link PortBudgetExceededException}
 * while the pooled connection of another client keeps serving. A critical threshold of 100% makes any port held
 * toward the destination critical, so this needs the host's /proc but exhausts nothing.
 */
class ProtectModeTest {

    @Test
    void aNewConnectionIsRefusedWhileAPooledOneKeepsServing() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp6")) || Files.isReadable(Path.of("/proc/net/tcp")),
                "port headroom is read from Linux /proc");
        PortGuard guard = PortGuard.create(GuardConfig.builder()
                .set("protect", "enforce").set("protect.critical", "1.0").set("headroom.interval", "10m")
                .logLevel(System.Logger.Level.OFF).build());
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             CloseableHttpClient shared = HttpClient5Guard.instrument(HttpClients.custom(), guard).build();
             CloseableHttpClient another = HttpClient5Guard.instrument(HttpClients.custom(), guard).build()) {
            guard.testing().refreshHeadroom();
            assertThat(Calls.get(shared, server.url())).isEqualTo(200);

            Throwable refused = catchThrowable(() -> Calls.get(another, server.url()));
            assertThat(refused).isInstanceOf(PortBudgetExceededException.class)
                    .hasMessageContaining("protect mode refused a new connection to " + server.destination());

            for (int i = 0; i < 10; i++) {
                assertThat(Calls.get(shared, server.url())).isEqualTo(200);
            }
            assertThat(server.tally()).isEqualTo(new LoopbackHttpServer.Tally(11, 1));
        }
    }
}
