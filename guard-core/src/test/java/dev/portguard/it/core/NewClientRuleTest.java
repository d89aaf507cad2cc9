package dev.portguard.it.core;

import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule for {@code NEW_CLIENT_PER_REQUEST} as README's finding table states it, both ways. */
class NewClientRuleTest {
    private static final ClientKind KIND = ClientKind.of("test-client", Map.of());

    private static long clientsPerRequest(GuardConfig config, int clients) {
        PortGuard guard = PortGuard.create(config.toBuilder().logLevel(System.Logger.Level.OFF).build());
        for (int i = 0; i < clients; i++) {
            PoolDestination d = guard.integration().newPool(KIND, PoolSettings.ofIdle(5, Duration.ofMinutes(5)))
                    .destination("api.example.com", 443);
            d.requestStarted();
            d.connectionOpened();
            d.connectionAcquired();
            d.connectionReleased();
        }
        return guard.snapshot().findings(FindingType.NEW_CLIENT_PER_REQUEST).size();
    }

    @Test
    void below_min_requests_nothing_is_raised_whatever_the_threshold() {
        assertThat(clientsPerRequest(GuardConfig.defaults(), 19)).isZero();
        assertThat(clientsPerRequest(GuardConfig.builder().newClientThreshold(5).build(), 19)).isZero();
        assertThat(clientsPerRequest(GuardConfig.defaults(), 20)).isEqualTo(1);
    }

    @Test
    void lowering_both_settings_flags_fewer_clients() {
        GuardConfig both = GuardConfig.builder().newClientThreshold(5).minRequests(5).build();
        // requests must reach min.requests and twice the threshold: 10 clients of one request each
        assertThat(clientsPerRequest(both, 10)).isEqualTo(1);
        assertThat(clientsPerRequest(both, 9)).isZero();
    }

    @Test
    void readme_states_that_rule_in_the_finding_table() throws IOException {
        String row = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("| `NEW_CLIENT_PER_REQUEST` |")).findFirst().orElseThrow();
        assertThat(row).contains("`new.client.threshold`").contains("`new.client.window`")
                .contains("`min.requests`").contains("lower both");
    }
}
