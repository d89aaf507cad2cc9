package dev.portguard.it.core;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/2 and gRPC: many requests share one connection at once (streams), so a pool's concurrency is no longer its
 * connection count. Driven through the SPI as a multiplexing client drives it (every stream acquires the one
 * connection and holds it until it ends), the healthy shapes get no finding, whatever the pool's idle limit; the
 * one bad shape, a new connection per stream, still does.
 */
class MultiplexedConnectionsTest {
    private static final ClientKind KIND = ClientKind.of("h2-client", Map.of());
    private static final int STREAMS = 100;
    private static final int ROUNDS = 20;

    private final PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());

    private static PoolSettings settings(int maxIdle) {
        return maxIdle < 0 ? PoolSettings.UNKNOWN_SETTINGS : PoolSettings.ofIdle(maxIdle, Duration.ofMinutes(5));
    }

    private PoolDestination destination(int maxIdle) {
        return guard.integration().newPool(KIND, settings(maxIdle)).destination("h2.example.com", 443);
    }

    /** {@link #STREAMS} requests started together, each holding the shared connection until all have started. */
    private static void burst(PoolDestination d, int newConnections) {
        for (int i = 0; i < STREAMS; i++) {
            d.requestStarted();
            if (i < newConnections) {
                d.connectionOpened();
            }
            d.connectionAcquired();
        }
        for (int i = 0; i < STREAMS; i++) {
            d.connectionReleased();
        }
    }

    private DestinationCounts counts() {
        return guard.snapshot().destination("h2.example.com:443").orElseThrow();
    }

    @ParameterizedTest(name = "max idle {0}")
    @ValueSource(ints = {-1, 1, 5})
    void oneConnectionCarrying100StreamsAtOnceIsHealthy(int maxIdle) {
        PoolDestination d = destination(maxIdle);
        for (int round = 0; round < ROUNDS; round++) {
            burst(d, round == 0 ? 1 : 0);
        }
        assertThat(counts().requests()).isEqualTo(STREAMS * ROUNDS);
        assertThat(counts().connectionsOpened()).isEqualTo(1);
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @ParameterizedTest(name = "max idle {0}")
    @ValueSource(ints = {-1, 1, 5})
    void aFirstBurstThatRacesConnectsBeforeOneWinsIsHealthy(int maxIdle) {
        // OkHttp and Jetty: streams that start before any connection exists each connect; one connection is kept
        PoolDestination d = destination(maxIdle);
        burst(d, STREAMS);
        for (int i = 1; i < STREAMS; i++) {
            d.connectionClosed(ClosedBy.CLIENT);
        }
        for (int round = 1; round < ROUNDS; round++) {
            burst(d, 0);
        }
        assertThat(counts().connectionsOpened()).isEqualTo(STREAMS);
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @ParameterizedTest(name = "max idle {0}")
    @ValueSource(ints = {-1, 1, 5})
    void aConnectionReplacedAfterEachBurstOf100StreamsIsHealthy(int maxIdle) {
        // a server's max connection age, or an idle timeout shorter than the gap between bursts
        PoolDestination d = destination(maxIdle);
        for (int round = 0; round < ROUNDS; round++) {
            burst(d, 1);
            d.connectionClosed(ClosedBy.SERVER);
        }
        assertThat(counts().connectionsOpened()).isEqualTo(ROUNDS);
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @ParameterizedTest(name = "max idle {0}")
    @ValueSource(ints = {-1, 5})
    void aNewConnectionPerStreamIsStillFlagged(int maxIdle) {
        PoolDestination d = destination(maxIdle);
        for (int i = 0; i < STREAMS * 2; i++) {
            d.requestStarted();
            d.connectionOpened();
            d.connectionAcquired();
            d.connectionReleased();
            d.connectionClosed(ClosedBy.CLIENT);
        }
        assertThat(guard.snapshot().findings()).extracting(f -> f.type())
                .containsExactly(FindingType.NEW_CONNECTION_PER_REQUEST);
    }
}
