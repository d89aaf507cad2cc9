package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.it.reactor.ReactorLoopbackServer;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmodified Reactor Netty app in its own JVM with the agent, against a loopback server that counts what it
 * saw. Over HTTP/1.1: {@code HttpClient.newConnection()} and a {@code ConnectionProvider} per request are flagged
 * at the app's line; {@code HttpClient.create()} per request (Reactor's global provider, what
 * {@code WebClient.create()} uses) and one shared client serving 8 requests at a time are quiet. Over HTTP/2 with
 * prior knowledge (h2c) and over TLS (h2): one connection carrying 100 streams at a time is quiet, and a provider
 * per request is still a new client per request. The report's totals equal the server's and it names each destination's
 * protocol, and its closes who closed each connection: a provider per request disposed after it (the client), and a
 * server closing idle connections (the server). JDK 17 and 25; the build's Reactor Netty and the oldest release the registry serves, each with the
 * Reactor and Netty it was built with.
 */
class ReactorNettyIT {
    private static final String[] REACTOR = {"reactor-netty-", "reactor-core-", "reactive-streams-", "netty-",
        "jspecify-"};

    record Scenario(String variant, int requests, Set<String> finding, String site, String protocol) {
        @Override
        public String toString() {
            return variant;
        }

        boolean http2() {
            return variant.startsWith("h2");
        }
    }

    static Stream<Object[]> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("new-connection", 200, Set.of("NEW_CONNECTION_PER_REQUEST", "KEEP_ALIVE_DISABLED"),
                        "demoapp.ReactorNettyApp.get(ReactorNettyApp.java:", null),
                new Scenario("provider-per-request", 200, Set.of("NEW_CLIENT_PER_REQUEST"),
                        "demoapp.ReactorNettyApp.fetch(ReactorNettyApp.java:", "http/1.1"),
                new Scenario("create-per-request", 200, Set.of(), null, "http/1.1"),
                new Scenario("shared", 400, Set.of(), null, "http/1.1"),
                new Scenario("idle-closed", 3, Set.of(), null, "http/1.1"),
                new Scenario("h2c-shared", 401, Set.of(), null, "h2c"),
                new Scenario("h2-shared", 401, Set.of(), null, "h2"),
                new Scenario("h2c-provider-per-request", 100, Set.of("NEW_CLIENT_PER_REQUEST"),
                        "demoapp.ReactorNettyApp.fetch(ReactorNettyApp.java:", "h2c"));
        return ReleaseMatrix.runs(List.of("newest", "oldest"), all,
                ReleaseMatrix.named("provider-per-request", "shared", "h2-shared"));
    }

    /** What a server saw, read the same way from the HTTP/1.1 and the HTTP/2 server. */
    private interface Server extends AutoCloseable {
        String url();

        String destination();

        long requests();

        int connections();
    }

    private static Server server(Scenario s) throws IOException {
        if (s.http2()) {
            ReactorLoopbackServer h2 = new ReactorLoopbackServer(Duration.ZERO, s.variant.startsWith("h2-"));
            return new Server() {
                public String url() { return h2.url(); }
                public String destination() { return h2.destination(); }
                public long requests() { return h2.requests(); }
                public int connections() { return h2.connections(); }
                public void close() { h2.close(); }
            };
        }
        LoopbackHttpServer h1 = new LoopbackHttpServer();
        if (s.variant.equals("idle-closed")) {
            h1.closingIdleConnectionsAfter(Duration.ofMillis(300));
        }
        return new Server() {
            public String url() { return h1.url(); }
            public String destination() { return h1.destination(); }
            public long requests() { return h1.requests(); }
            public int connections() { return h1.connections(); }
            public void close() { h1.close(); }
        };
    }

    @ParameterizedTest(name = "reactor-netty {0}, {1}: {2}")
    @MethodSource("scenarios")
    void reportsWhatTheServerSaw(String reactor, String jdkName, Scenario s, @TempDir Path dir) throws Exception {
        Path jdk = jdkName.equals("jdk25") ? AgentRun.JDK25 : AgentRun.JDK17;
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + AgentRun.JDK25);
        String classPath = reactor.equals("newest") ? AgentRun.classPath(REACTOR) : oldestClassPath();
        try (Server server = server(s)) {
            AgentRun run = AgentRun.run(jdk, "", List.of("-cp", classPath),
                    List.of("demoapp.ReactorNettyApp", server.url(), Integer.toString(s.requests), s.variant), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(run.output).as("Reactor Netty was woven").doesNotContain("lacks the methods");
            assertThat(run.output).as("every hook ran").doesNotContain(AgentRun.HOOK_FAILED);
            assertThat(run.report).as(run.output).isNotNull();
            assertThat(server.requests()).isEqualTo(s.requests);

            JsonObject d = run.destination(server.destination());
            assertThat(d.get("requests").getAsLong()).as("requests, " + run.output).isEqualTo(server.requests());
            assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                    .isEqualTo(server.connections());
            if (s.protocol != null) {
                assertThat(d.getAsJsonArray("protocols").toString()).isEqualTo("[\"" + s.protocol + "\"]");
            }
            if (s.variant.equals("provider-per-request")) {
                // each provider disposed, which closes its connection, before the next request
                ClientAppChecks.assertClosed(d, server.connections(), server.connections(), run);
            } else if (s.variant.equals("idle-closed")) {
                assertThat(server.connections()).as("a connection per request, each closed when idle").isEqualTo(3);
                ClientAppChecks.assertClosed(d, server.connections(), 0, run);
            }
            if (s.finding.isEmpty()) {
                // HTTP/1.1, 8 at a time: Reactor's pool connects a few more when acquisitions overtake releases;
                // HTTP/2: one connection, as the app's provider allows
                assertThat(server.connections()).as("the pool reused its connections")
                        .isLessThanOrEqualTo(s.http2() ? 1 : 16);
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

    /** The test apps and Reactor Netty's oldest tested release, with its Reactor and Netty. */
    private static String oldestClassPath() throws IOException {
        String version = System.getProperty("portguard.test.reactorNettyOldest");
        Path dir = AgentRun.TEST_LIBS.resolve("reactor-netty-oldest");
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> all = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertThat(all).as("Reactor Netty " + version + " in " + dir)
                    .anyMatch(p -> p.getFileName().toString().equals("reactor-netty-http-" + version + ".jar"));
            return Path.of("target/test-classes").toAbsolutePath() + File.pathSeparator
                    + all.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
    }
}
