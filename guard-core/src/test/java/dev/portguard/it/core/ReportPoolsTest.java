package dev.portguard.it.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A client per call makes one line per site in the report, not one entry per client. */
class ReportPoolsTest {
    private static final ClientKind KIND = ClientKind.of("test-client", Map.of());

    @Test
    void pools_are_summarised_per_site_and_listed_a_few_per_site() {
        PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        List<ClientPool> keep = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keep.add(guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS, "com.acme.Sdk.call(Sdk.java:9)"));
            PoolDestination d = keep.get(i).destination("api.example.com", 443);
            d.requestStarted();
            d.connectionOpened();
        }
        ClientPool shared = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS,
                "com.acme.App.<init>(App.java:3)");
        for (int i = 0; i < 50; i++) {
            shared.destination("api.example.com", 443).requestStarted();
        }

        String json = guard.snapshot().toJson();
        JsonObject report = JsonParser.parseString(json).getAsJsonObject();
        JsonArray sites = report.getAsJsonArray("poolSites");
        assertThat(sites).hasSize(2);
        JsonObject perCall = sites.get(0).getAsJsonObject();
        assertThat(perCall.get("site").getAsString()).isEqualTo("com.acme.Sdk.call(Sdk.java:9)");
        assertThat(perCall.get("created").getAsLong()).isEqualTo(200);
        assertThat(perCall.get("live").getAsLong()).isEqualTo(200);
        assertThat(perCall.get("closed").getAsLong()).isZero();
        JsonArray pools = report.getAsJsonArray("pools");
        assertThat(pools).as("five of the per-call site's pools and the shared one").hasSize(6);
        assertThat(pools.get(0).getAsJsonObject().get("requests").getAsLong()).isEqualTo(50);
        assertThat(json.length()).as("bounded, whatever the number of clients").isLessThan(8_000);
        assertThat(keep).hasSize(200);
    }
}
