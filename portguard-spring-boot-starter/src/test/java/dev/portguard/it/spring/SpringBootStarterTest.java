package dev.portguard.it.spring;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.core.DestinationCounts;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PortGuard;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spring Boot application, started on a random port with the starter on its class path, calling real
 * loopback servers through the clients Spring builds; read back through its own actuator endpoints.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringBootStarterTest {
    private static final int CALLS = 30;
    private static final String SITE_PREFIX = DemoCalls.class.getName() + ".withNewClient(DemoCalls.java:";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void clientPerRequestIsFoundAtTheApplicationsLineAndExportedToPrometheus(@TempDir Path dir) throws Exception {
        try (LoopbackHttpServer bad = new LoopbackHttpServer();
             LoopbackHttpServer good = new LoopbackHttpServer();
             ConfigurableApplicationContext app = start()) {
            DemoCalls calls = app.getBean(DemoCalls.class);
            for (int i = 0; i < CALLS; i++) {
                assertThat(calls.withNewClient(bad.url())).isEqualTo("ok");
                assertThat(calls.withSharedClient(good.url())).isEqualTo("ok");
            }

            JsonObject report = getJson(app, "/actuator/portguard");
            assertThat(report.get("schema").getAsString()).isEqualTo("portguard-report/1");
            JsonArray findings = report.getAsJsonArray("findings");
            assertThat(findings).as("findings: %s", findings)
                    .anySatisfy(f -> {
                        assertThat(f.getAsJsonObject().get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
                        assertThat(text(f, "site")).startsWith(SITE_PREFIX);
                    });
            // The healthy shared RestClient is counted (so it is guarded too) and gets no finding.
            assertThat(findings).as("findings: %s", findings)
                    .noneSatisfy(f -> assertThat(text(f, "destination")).isEqualTo(good.destination()))
                    .noneSatisfy(f -> assertThat(text(f, "site")).contains("withSharedClient"));
            JsonObject goodCounts = destination(report, good.destination());
            assertThat(goodCounts.get("requests").getAsLong()).isEqualTo(CALLS);
            assertThat(goodCounts.get("connectionsOpened").getAsLong()).isEqualTo(good.connections()).isLessThan(3);
            JsonObject badCounts = destination(report, bad.destination());
            assertThat(badCounts.get("requests").getAsLong()).isEqualTo(CALLS);
            assertThat(badCounts.get("connectionsOpened").getAsLong()).isEqualTo(CALLS).isEqualTo(bad.connections());

            // The endpoint serves what the report file holds.
            Path file = dir.resolve("portguard-report.json");
            app.getBean(PortGuard.class).writeReport(file);
            JsonObject fromFile = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            JsonObject fromEndpoint = getJson(app, "/actuator/portguard");
            fromFile.remove("generatedAt");
            fromEndpoint.remove("generatedAt");
            fromFile.remove("headroom"); // read from /proc at each call: other processes' sockets come and go
            fromEndpoint.remove("headroom");
            assertThat(fromEndpoint).isEqualTo(fromFile);

            // Meters are registered on the binder's own thread: wait for them, a bounded while.
            String badLabel = "destination=\"" + bad.destination() + "\"";
            String prometheus = awaitPrometheus(app, "portguard_requests_total{", badLabel);
            assertThat(lines(prometheus, "portguard_requests_total{", badLabel))
                    .singleElement().satisfies(line -> assertThat(line).endsWith(" " + CALLS + ".0"));
            assertThat(lines(prometheus, "portguard_connections_opened_total{", badLabel))
                    .singleElement().satisfies(line -> assertThat(line).endsWith(" " + CALLS + ".0"));
            assertThat(lines(prometheus, "portguard_findings_total{", "type=\"NEW_CLIENT_PER_REQUEST\""))
                    .singleElement().satisfies(line -> assertThat(line).doesNotEndWith(" 0.0"));
            assertThat(prometheus).contains("portguard_site_clients_total{");
        }
    }

    @Test
    void webClientsOnSpringsConnectorAreQuietAndAConnectionProviderPerCallIsFound() throws Exception {
        try (LoopbackHttpServer bad = new LoopbackHttpServer();
             LoopbackHttpServer good = new LoopbackHttpServer();
             ConfigurableApplicationContext app = start()) {
            DemoReactiveCalls calls = app.getBean(DemoReactiveCalls.class);
            for (int i = 0; i < CALLS; i++) {
                assertThat(calls.withNewConnectionProvider(bad.url())).isEqualTo("ok");
                assertThat(calls.withNewWebClient(good.url())).isEqualTo("ok");
            }
            assertReactorPoolSharedAndProviderPerCallFound(app.getBean(PortGuard.class).snapshot(), good, bad,
                    DemoReactiveCalls.class.getName() + ".withNewConnectionProvider(DemoReactiveCalls.java:");
        }
    }

    /**
     * With Reactor Netty as the imperative factory, RestTemplate and RestClient sit on Reactor clients the starter
     * guards: a RestTemplate built per call from Boot's builder shares Reactor's pool and stays quiet, while a
     * RestClient given a ConnectionProvider of its own per call is found at the line that built it.
     */
    @Test
    void restClientsOnReactorNettyAreGuardedAndAProviderPerCallIsFound() throws Exception {
        try (LoopbackHttpServer bad = new LoopbackHttpServer();
             LoopbackHttpServer good = new LoopbackHttpServer();
             ConfigurableApplicationContext app = start("--spring.http.clients.imperative.factory=reactor")) {
            DemoCalls calls = app.getBean(DemoCalls.class);
            ReactorClientHttpRequestFactoryBuilder factories =
                    (ReactorClientHttpRequestFactoryBuilder) app.getBean(ClientHttpRequestFactoryBuilder.class);
            for (int i = 0; i < CALLS; i++) {
                assertThat(calls.withNewClient(good.url())).isEqualTo("ok");
                ConnectionProvider provider = ConnectionProvider.create("per-call", 4);
                try {
                    RestClient client = RestClient.builder().requestFactory(factories
                            .withHttpClientFactory(() -> reactor.netty.http.client.HttpClient.create(provider))
                            .build()).build(); // the site
                    assertThat(client.get().uri(bad.url()).retrieve().body(String.class)).isEqualTo("ok");
                } finally {
                    provider.disposeLater().block(Duration.ofSeconds(20));
                }
            }
            GuardSnapshot snapshot = app.getBean(PortGuard.class).snapshot();
            assertThat(snapshot.pools()).as("Reactor Netty pools").isNotEmpty()
                    .allSatisfy(p -> assertThat(p.client()).isEqualTo("reactor-netty"));
            assertReactorPoolSharedAndProviderPerCallFound(snapshot, good, bad, SpringBootStarterTest.class.getName()
                    + ".restClientsOnReactorNettyAreGuardedAndAProviderPerCallIsFound(SpringBootStarterTest.java:");
        }
    }

    /**
     * {@code CALLS} calls to each server: the good one through clients sharing Reactor's pool, quiet; the bad one
     * through a {@code ConnectionProvider} per call, one NEW_CLIENT_PER_REQUEST at {@code site}. Counts are the
     * servers'.
     */
    private static void assertReactorPoolSharedAndProviderPerCallFound(GuardSnapshot snapshot, LoopbackHttpServer good,
                                                                       LoopbackHttpServer bad, String site) {
        DestinationCounts goodCounts = snapshot.destination(good.destination()).orElseThrow();
        assertThat(goodCounts.requests()).isEqualTo(CALLS).isEqualTo(good.requests());
        // a connection is back in Reactor's pool a moment after its response, so the next call may open another
        // one; the shared pool still serves most calls on connections it already holds
        assertThat(goodCounts.connectionsOpened()).isEqualTo(good.connections()).isLessThanOrEqualTo(CALLS / 3);
        DestinationCounts badCounts = snapshot.destination(bad.destination()).orElseThrow();
        assertThat(badCounts.requests()).isEqualTo(CALLS).isEqualTo(bad.requests());
        assertThat(badCounts.connectionsOpened()).isEqualTo(CALLS).isEqualTo(bad.connections());
        assertThat(snapshot.findings()).as("findings: %s", snapshot.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.NEW_CLIENT_PER_REQUEST);
            assertThat(f.destination()).isEqualTo(bad.destination());
            assertThat(f.site()).startsWith(site);
            assertThat(f.advice()).contains("ConnectionProvider");
        });
    }

    @Test
    void modeOffInApplicationPropertiesCountsNothing() throws Exception {
        try (LoopbackHttpServer bad = new LoopbackHttpServer();
             ConfigurableApplicationContext app = start("--portguard.mode=off")) {
            DemoCalls calls = app.getBean(DemoCalls.class);
            for (int i = 0; i < CALLS; i++) {
                assertThat(calls.withNewClient(bad.url())).isEqualTo("ok");
            }
            assertThat(bad.requests()).isEqualTo(CALLS);

            JsonObject report = getJson(app, "/actuator/portguard");
            assertThat(report.get("mode").getAsString()).isEqualTo("off");
            assertThat(report.getAsJsonArray("findings")).isEmpty();
            assertThat(report.getAsJsonArray("destinations")).isEmpty();
            assertThat(report.getAsJsonArray("pools")).isEmpty();
            assertThat(get(app, "/actuator/prometheus")).doesNotContain(bad.destination());
        }
    }

    @Test
    void aBadPropertyIsOneLineAndTheDefault(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app =
                     start("--portguard.min-requests=lots", "--portguard.log-level=debug")) {
            PortGuard guard = app.getBean(PortGuard.class);
            assertThat(guard.config().minRequests()).isEqualTo(20);
            assertThat(guard.config().logLevel()).isEqualTo(System.Logger.Level.DEBUG);
            assertThat(output.getAll().lines().filter(l -> l.contains("portguard.min-requests")))
                    .singleElement()
                    .satisfies(line -> assertThat(line).contains("'lots'", "is not valid", "using the default"));
            assertThat(getJson(app, "/actuator/portguard").get("mode").getAsString()).isEqualTo("observe");
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--management.endpoints.web.exposure.include=portguard,prometheus",
                "--spring.main.banner-mode=off"));
        args.addAll(Arrays.asList(properties));
        return new SpringApplication(DemoApplication.class).run(args.toArray(String[]::new));
    }

    private String get(ConfigurableApplicationContext app, String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonObject getJson(ConfigurableApplicationContext app, String path) throws Exception {
        return JsonParser.parseString(get(app, path)).getAsJsonObject();
    }

    private String awaitPrometheus(ConfigurableApplicationContext app, String... parts) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String text = get(app, "/actuator/prometheus");
        while (lines(text, parts).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            text = get(app, "/actuator/prometheus");
        }
        return text;
    }

    private static List<String> lines(String text, String... parts) {
        return text.lines().filter(l -> Stream.of(parts).allMatch(l::contains)).toList();
    }

    private static JsonObject destination(JsonObject report, String destination) {
        for (JsonElement d : report.getAsJsonArray("destinations")) {
            if (text(d, "destination").equals(destination)) {
                return d.getAsJsonObject();
            }
        }
        throw new AssertionError("no destination " + destination + " in " + report);
    }

    private static String text(JsonElement object, String field) {
        JsonElement value = object.getAsJsonObject().get(field);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }
}
