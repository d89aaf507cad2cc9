package dev.portguard.it.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A live guard samples its timeline on the probe thread from real connections and the real /proc, and writes the
 * page beside its report; a healthy client's timeline shows reuse and raises nothing.
 */
class TimelineReportTest {
    private static final ClientKind KIND = ClientKind.of("test-client", Map.of());

    private static PortGuard guard() {
        return PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF)
                .timelineInterval(Duration.ofMillis(200)).headroomInterval(Duration.ofMillis(200)).build());
    }

    @Test
    void connections_held_open_show_in_the_samples_and_the_page_is_written_beside_the_report(@TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc");
        PortGuard guard = guard();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            String destination = "127.0.0.1:" + server.getLocalPort();
            for (int i = 0; i < 30; i++) { // a client per request, each keeping its connection open
                ClientPool pool = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS,
                        "com.acme.Prices.fetch(Prices.java:42)");
                PoolDestination d = pool.destination("127.0.0.1", server.getLocalPort());
                d.requestStarted();
                InetSocketAddress remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
                d.connecting(remote);
                held.add(new Socket(remote.getAddress(), remote.getPort()));
                d.connectionOpened();
            }
            JsonObject sample = awaitSample(guard, destination, s -> s.get("portsHeld").getAsInt() >= 30);
            assertThat(sample.get("usablePorts").getAsInt()).isGreaterThan(30);
            assertThat(sample.get("headroom").getAsInt())
                    .isEqualTo(sample.get("usablePorts").getAsInt() - sample.get("portsHeld").getAsInt());

            Path report = dir.resolve("report.json");
            guard.writeReport(report);
            JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
            JsonObject timeline = json.getAsJsonObject("timeline");
            assertThat(timeline.get("intervalSeconds").getAsDouble()).isEqualTo(0.2);
            assertThat(timeline.get("windowSeconds").getAsLong()).isEqualTo(3600);
            boolean opensSeen = false;
            for (JsonElement s : timeline.getAsJsonArray("samples")) {
                for (JsonElement d : s.getAsJsonObject().getAsJsonArray("destinations")) {
                    opensSeen |= d.getAsJsonObject().get("connectionsOpenedPerSecond").getAsDouble() > 0;
                }
            }
            assertThat(opensSeen).as("the 30 opens appear as a rate in some sample").isTrue();
            JsonArray events = timeline.getAsJsonArray("events");
            assertThat(events).as("30 clients from one site: the finding is an event").isNotEmpty();
            JsonObject event = events.get(0).getAsJsonObject();
            assertThat(event.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
            assertThat(event.get("site").getAsString()).isEqualTo("com.acme.Prices.fetch(Prices.java:42)");
            assertThat(event.get("fix").getAsString()).isNotBlank();

            String page = Files.readString(dir.resolve("report.html"));
            assertThat(page).contains("<h3>" + destination + "</h3>").contains("<svg")
                    .contains("A new HTTP client built for each request")
                    .contains("Where: <code>com.acme.Prices.fetch(Prices.java:42)</code>");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void a_shared_client_shows_requests_without_opens_and_nothing_is_raised(@TempDir Path dir) throws Exception {
        PortGuard guard = guard();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             Socket one = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            String destination = "127.0.0.1:" + server.getLocalPort();
            ClientPool pool = guard.integration().newPool(KIND, PoolSettings.UNKNOWN_SETTINGS, "com.acme.App.<init>(App.java:3)");
            PoolDestination d = pool.destination("127.0.0.1", server.getLocalPort());
            d.connecting(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            d.connectionOpened();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            JsonObject sample = null;
            while (sample == null && System.nanoTime() < until) {
                for (int i = 0; i < 20; i++) {
                    d.requestStarted();
                }
                Thread.sleep(50);
                sample = latestSample(guard, destination, s -> s.get("requestsPerSecond").getAsDouble() > 0
                        && s.get("connectionsOpenedPerSecond").getAsDouble() == 0);
            }
            assertThat(sample).as("a sample with requests and no new connection").isNotNull();
            Path report = dir.resolve("healthy.json");
            guard.writeReport(report);
            assertThat(JsonParser.parseString(Files.readString(report)).getAsJsonObject()
                    .getAsJsonObject("timeline").getAsJsonArray("events")).isEmpty();
            assertThat(Files.readString(dir.resolve("healthy.html")))
                    .contains("<header class=\"verdict ok\">").contains("Nothing: no misuse of connections");
        }
    }

    private static JsonObject awaitSample(PortGuard guard, String destination, Predicate<JsonObject> wanted)
            throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            JsonObject s = latestSample(guard, destination, wanted);
            if (s != null) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no sample toward " + destination + " as wanted in 10 s: " + guard.snapshot().toJson());
    }

    private static JsonObject latestSample(PortGuard guard, String destination, Predicate<JsonObject> wanted) {
        JsonArray samples = JsonParser.parseString(guard.snapshot().toJson()).getAsJsonObject()
                .getAsJsonObject("timeline").getAsJsonArray("samples");
        for (int i = samples.size() - 1; i >= 0; i--) {
            for (JsonElement d : samples.get(i).getAsJsonObject().getAsJsonArray("destinations")) {
                JsonObject o = d.getAsJsonObject();
                if (o.get("destination").getAsString().equals(destination) && wanted.test(o)) {
                    return o;
                }
            }
        }
        return null;
    }
}
