package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmodified Jetty 12 client app in its own JVM with the agent, against a loopback HTTP/1.1 server that counts
 * what it saw: an {@code HttpClient} built and started per request is {@code NEW_CLIENT_PER_REQUEST} at the app's
 * line; one started client serving 8 threads at once is quiet. The report's requests and connections equal the
 * server's. JDK 17 and 25; Jetty's newest client release (the build's) and the oldest the registry serves.
 */
class JettyClientIT {
    record Scenario(String variant, int requests, boolean flagged) {
        @Override
        public String toString() {
            return variant;
        }
    }

    static Stream<Object[]> scenarios() {
        List<Scenario> all = List.of(new Scenario("per-request", 150, true), new Scenario("shared", 400, false));
        List<Object[]> runs = new ArrayList<>();
        for (String jetty : List.of("newest", "oldest")) {
            for (String jdk : List.of("jdk17", "jdk25")) {
                for (Scenario s : all) {
                    runs.add(new Object[] {jetty, jdk, s});
                }
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "jetty {0}, {1}: {2}")
    @MethodSource("scenarios")
    void reportsWhatTheServerSaw(String jetty, String jdkName, Scenario s, @TempDir Path dir) throws Exception {
        Path jdk = jdkName.equals("jdk25") ? AgentRun.JDK25 : AgentRun.JDK17;
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + AgentRun.JDK25);
        String classPath = jetty.equals("newest") ? AgentRun.classPath("jetty-", "slf4j-api-") : oldestClassPath();
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(jdk, "", List.of("-cp", classPath),
                    List.of("demoapp.JettyApp", server.url(), Integer.toString(s.requests), s.variant), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(run.output).as("Jetty was woven").doesNotContain("lacks the methods");
            assertThat(run.report).as(run.output).isNotNull();
            assertThat(server.requests()).isEqualTo(s.requests);

            JsonObject d = run.destination(server.destination());
            assertThat(d.get("requests").getAsLong()).as("requests, " + run.output).isEqualTo(server.requests());
            assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                    .isEqualTo(server.connections());
            assertThat(d.getAsJsonArray("protocols").toString()).isEqualTo("[\"http/1.1\"]");
            if (s.flagged) {
                assertThat(server.connections()).isEqualTo(s.requests);
                assertThat(run.findings()).as(run.output).hasSize(1);
                JsonObject f = run.findings().get(0);
                assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
                assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
                assertThat(f.get("site").getAsString()).startsWith("demoapp.JettyApp.fetch(JettyApp.java:");
            } else {
                // 8 threads: one connection each, and a few more when a thread asks before another released
                assertThat(server.connections()).as("the pool reused its connections").isLessThanOrEqualTo(16);
                assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
            }
        }
    }

    /** The test apps, Jetty's oldest tested client jars, and SLF4J's API from the test class path. */
    private static String oldestClassPath() throws IOException {
        String version = System.getProperty("portguard.test.jettyOldest");
        Path dir = AgentRun.TEST_LIBS.resolve("jetty-oldest");
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> jettyJars = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertThat(jettyJars).as("Jetty " + version + " in " + dir).hasSize(7)
                    .allMatch(p -> p.getFileName().toString().endsWith("-" + version + ".jar"));
            return AgentRun.classPath("slf4j-api-") + File.pathSeparator
                    + jettyJars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
    }
}
