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
 * An unmodified AsyncHttpClient app in its own JVM with the agent, against a loopback HTTP/1.1 server that counts
 * what it saw: {@code Dsl.asyncHttpClient()} per request is {@code NEW_CLIENT_PER_REQUEST} at the app's line; one
 * client keeping 8 requests in flight is quiet. The report's requests and connections equal the server's. JDK 17
 * and 25; AsyncHttpClient's newest release (the build's, 3.x) and the last 2.x on the Netty 4.1 it was built on.
 */
class AsyncHttpClientIT {
    record Scenario(String variant, int requests, boolean flagged) {
        @Override
        public String toString() {
            return variant;
        }
    }

    static Stream<Object[]> scenarios() {
        List<Scenario> all = List.of(new Scenario("per-request", 150, true), new Scenario("shared", 400, false));
        List<Object[]> runs = new ArrayList<>();
        for (String version : List.of("newest", "oldest")) {
            for (String jdk : List.of("jdk17", "jdk25")) {
                for (Scenario s : all) {
                    runs.add(new Object[] {version, jdk, s});
                }
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "async-http-client {0}, {1}: {2}")
    @MethodSource("scenarios")
    void reportsWhatTheServerSaw(String version, String jdkName, Scenario s, @TempDir Path dir) throws Exception {
        Path jdk = jdkName.equals("jdk25") ? AgentRun.JDK25 : AgentRun.JDK17;
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + AgentRun.JDK25);
        String classPath = version.equals("newest")
                ? AgentRun.classPath("async-http-client-", "netty-", "reactive-streams-", "slf4j-api-") : oldestClassPath();
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(jdk, "", List.of("-cp", classPath),
                    List.of("demoapp.AsyncHttpApp", server.url(), Integer.toString(s.requests), s.variant), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(run.output).as("AsyncHttpClient was woven").doesNotContain("lacks the methods");
            assertThat(run.report).as(run.output).isNotNull();
            assertThat(server.requests()).isEqualTo(s.requests);

            JsonObject d = run.destination(server.destination());
            assertThat(d.get("requests").getAsLong()).as("requests, " + run.output).isEqualTo(server.requests());
            assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                    .isEqualTo(server.connections());
            if (s.flagged) {
                assertThat(server.connections()).isEqualTo(s.requests);
                assertThat(run.findings()).as(run.output).hasSize(1);
                JsonObject f = run.findings().get(0);
                assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
                assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
                assertThat(f.get("site").getAsString()).startsWith("demoapp.AsyncHttpApp.fetch(AsyncHttpApp.java:");
            } else {
                // 8 in flight: one connection each, and a few more when a request is sent before another's returned
                assertThat(server.connections()).as("the pool reused its connections").isLessThanOrEqualTo(16);
                assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
            }
        }
    }

    /** The test apps, AsyncHttpClient's oldest tested jars with their Netty, and SLF4J's API. */
    private static String oldestClassPath() throws IOException {
        String version = System.getProperty("portguard.test.asyncHttpClientOldest");
        Path dir = AgentRun.TEST_LIBS.resolve("async-http-client-oldest");
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> all = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertThat(all).as("AsyncHttpClient " + version + " in " + dir).hasSize(13)
                    .filteredOn(p -> p.getFileName().toString().startsWith("async-http-client")).hasSize(2)
                    .allMatch(p -> p.getFileName().toString().endsWith("-" + version + ".jar"));
            return AgentRun.classPath("slf4j-api-") + File.pathSeparator
                    + all.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
    }
}
