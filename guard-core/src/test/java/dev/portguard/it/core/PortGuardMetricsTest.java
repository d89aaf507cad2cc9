package dev.portguard.it.core;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.micrometer.PortGuardMetrics;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortGuardMetricsTest {
    private final PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).functionCounter().count();
    }

    @Test
    void countsPerDestinationAndFindingsPerTypeFollowTheGuard() {
        PoolDestination before = guard.integration().newPool(ClientKind.of("test", Map.of()), PoolSettings.UNKNOWN_SETTINGS)
                .destination("known.example.com", 443);
        before.requestStarted();
        before.connectionOpened();
        new PortGuardMetrics(guard).bindTo(registry);

        PoolDestination later = guard.integration().newPool(ClientKind.of("test", Map.of()), PoolSettings.UNKNOWN_SETTINGS)
                .destination("new.example.com", 443);
        for (int i = 0; i < 30; i++) {
            later.requestStarted();
            later.connectionOpened();
            later.connectionAcquired();
            later.connectionReleased();
        }
        assertThat(counter("portguard.requests", "destination", "known.example.com:443")).isEqualTo(1);
        assertThat(counter("portguard.requests", "destination", "new.example.com:443")).isEqualTo(30);
        assertThat(counter("portguard.connections.opened", "destination", "new.example.com:443")).isEqualTo(30);
        assertThat(counter("portguard.connections.reused", "destination", "new.example.com:443")).isZero();
        assertThat(counter("portguard.findings", "type", "NEW_CONNECTION_PER_REQUEST")).isEqualTo(1);
        assertThat(counter("portguard.findings", "type", "POOL_CHURN")).isZero();
    }

    @Test
    void aHealthyClientMakesNoFindingAndReusesItsConnection() {
        new PortGuardMetrics(guard).bindTo(registry);
        PoolDestination d = guard.integration().newPool(ClientKind.of("test", Map.of()), PoolSettings.ofIdle(5, null))
                .destination("api.example.com", 443);
        for (int i = 0; i < 100; i++) {
            d.requestStarted();
            if (i == 0) {
                d.connectionOpened();
            }
        }
        assertThat(counter("portguard.connections.reused", "destination", "api.example.com:443")).isEqualTo(99);
        assertThat(registry.get("portguard.findings").functionCounters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }
}
