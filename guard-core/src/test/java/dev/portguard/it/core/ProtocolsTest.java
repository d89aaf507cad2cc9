package dev.portguard.it.core;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.core.spi.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which protocols carried a destination's traffic, as the clients told: in the snapshot and in the report. */
class ProtocolsTest {
    private static final ClientKind KIND = ClientKind.of("test-client", Map.of());

    private final PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());

    private PoolDestination destination(String host) {
        return guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS).destination(host, 443);
    }

    @Test
    void eachDestinationListsTheProtocolsItsConnectionsSpokeFromEveryPool() {
        PoolDestination grpc = destination("orders");
        grpc.requestStarted();
        grpc.connectionOpened();
        grpc.protocolUsed(Protocol.H2C);
        grpc.protocolUsed(Protocol.H2C);
        PoolDestination legacy = destination("orders");
        legacy.requestStarted();
        legacy.connectionOpened();
        legacy.protocolUsed(Protocol.HTTP_1_1);
        PoolDestination silent = destination("billing");
        silent.requestStarted();
        silent.connectionOpened();

        assertThat(guard.snapshot().destination("orders:443").orElseThrow().protocols())
                .containsExactly("http/1.1", "h2c");
        assertThat(guard.snapshot().destination("billing:443").orElseThrow().protocols()).isEmpty();

        JsonObject report = JsonParser.parseString(guard.snapshot().toJson()).getAsJsonObject();
        for (var d : report.getAsJsonArray("destinations")) {
            JsonObject o = d.getAsJsonObject();
            List<String> protocols = o.getAsJsonArray("protocols").asList().stream()
                    .map(e -> e.getAsString()).toList();
            if (o.get("destination").getAsString().equals("orders:443")) {
                assertThat(protocols).containsExactly("http/1.1", "h2c");
            } else {
                assertThat(protocols).isEmpty();
            }
        }
    }

    @Test
    void aResetKeepsWhatWasLearnedAboutTheConnections() {
        PoolDestination d = destination("orders");
        d.requestStarted();
        d.connectionOpened();
        d.protocolUsed(Protocol.H2);
        guard.testing().reset();
        d.requestStarted();
        assertThat(guard.snapshot().destination("orders:443").orElseThrow().protocols()).containsExactly("h2");
    }
}
