package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmodified Reactor Netty app in its own JVM with the agent, against a loopback HTTP/1.1 server that counts
 * what it saw: {@code HttpClient.newConnection()} and a {@code ConnectionProvider} per request are flagged at the
 * app's line; {@code HttpClient.create()} per request (Reactor's global provider, what {@code WebClient.create()}
 * uses) and one shared client serving 8 requests at a time are quiet. The report's totals equal the server's.
 */
class ReactorNettyIT {
    private static final String[] REACTOR = {"reactor-netty-", "reactor-core-", "reactive-streams-", "netty-",
        "jspecify-"};

    record Scenario(String variant, int requests, Set<String> finding, String site) {
        @Override
        public String toString() {
            return variant;
        }
    }

    static Stream<Object[]> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("new-connection", 200, Set.of("NEW_CONNECTION_PER_REQUEST", "KEEP_ALIVE_DISABLED"),
                        "demoapp.ReactorNettyApp.get(ReactorNettyApp.java:"),
                new Scenario("provider-per-request", 200, Set.of("NEW_CLIENT_PER_REQUEST"),
                        "demoapp.ReactorNettyApp.fetch(ReactorNettyApp.java:"),
                new Scenario("create-per-request", 200, Set.of(), null),
                new Scenario("shared", 400, Set.of(), null));
        List<Object[]> runs = new ArrayList<>();
        for (String jdk : List.of("jdk17", "jdk25")) {
            for (Scenario s : all) {
                runs.add(new Object[] {jdk, s});
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scenarios")
    void reportsWhatTheServerSaw(String jdkName, Scenario s, @TempDir Path dir) throws Exception {
        Path jdk = jdkName.equals("jdk25") ? AgentRun.JDK25 : AgentRun.JDK17;
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + AgentRun.JDK25);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(jdk, "", List.of("-cp", AgentRun.classPath(REACTOR)),
                    List.of("demoapp.ReactorNettyApp", server.url(), Integer.toString(s.requests), s.variant), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(run.report).as(run.output).isNotNull();
            assertThat(server.requests()).isEqualTo(s.requests);

            JsonObject d = run.destination(server.destination());
            assertThat(d.get("requests").getAsLong()).as("requests, " + run.output).isEqualTo(server.requests());
            assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                    .isEqualTo(server.connections());
            if (s.finding.isEmpty()) {
                // 8 at a time: Reactor's pool connects a few more when acquisitions overtake releases
                assertThat(server.connections()).as("the pool reused its connections").isLessThanOrEqualTo(16);
                assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
            } else {
                assertThat(server.connections()).isEqualTo(s.requests);
                assertThat(run.findings()).as(run.output).hasSize(1);
                JsonObject f = run.findings().get(0);
                assertThat(f.get("type").getAsString()).isIn(s.finding);
                assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
                assertThat(f.get("site").getAsString()).startsWith(s.site);
            }
        }
    }
}
