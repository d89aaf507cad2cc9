package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client library tests share: an unmodified app ({@code demoapp.<App> <url> <requests> <variant>}) run in
 * its own JVM with the agent, on the newest and the oldest release tested, on JDK 17 and 25; the report's requests
 * and connections checked against what the server saw, and the finding (or its absence) named.
 */
final class ClientAppChecks {
    /** A variant of the app: how many requests it sends, and whether it is flagged as a client per request. */
    record Scenario(String variant, int requests, boolean flagged) {
        @Override
        public String toString() {
            return variant;
        }
    }

    /** What the server saw: requests, connections accepted, and how many of those carried no request. */
    record ServerSaw(long requests, long connections, long unused, String destination) {
        ServerSaw(long requests, long connections, String destination) {
            this(requests, connections, 0, destination);
        }

        static ServerSaw of(LoopbackHttpServer server) {
            long unused = server.requestsPerConnection().stream().filter(n -> n == 0).count();
            return new ServerSaw(server.requests(), server.connections(), unused, server.destination());
        }
    }

    private ClientAppChecks() {
    }

    /** Every scenario on the newest and the oldest release on JDK 17; those picked on the newest on JDK 25. */
    static Stream<Object[]> matrix(List<Scenario> scenarios, String... alsoOnJdk25) {
        return ReleaseMatrix.runs(List.of("newest", "oldest"), scenarios, ReleaseMatrix.named(alsoOnJdk25));
    }

    /** The JDK named; the test is skipped where JDK 25 is not installed. */
    static Path jdk(String name) {
        Path jdk = name.equals("jdk25") ? AgentRun.JDK25 : AgentRun.JDK17;
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + AgentRun.JDK25);
        return jdk;
    }

    static AgentRun run(String app, Path jdk, String classPath, String url, Scenario s, Path dir)
            throws IOException, InterruptedException {
        AgentRun run = AgentRun.run(jdk, "", List.of("-cp", classPath),
                List.of("demoapp." + app, url, Integer.toString(s.requests()), s.variant()), dir);
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).as("the app ran").contains("done");
        assertThat(run.output).as("the client was woven").doesNotContain("lacks the methods");
        assertThat(run.output).as("every hook ran").doesNotContain(AgentRun.HOOK_FAILED);
        assertThat(run.report).as(run.output).isNotNull();
        return run;
    }

    /**
     * The report's destination counts what the server saw, and a client per request is named at the app's
     * {@code fetch}, while a shared one is quiet (its pool reused at most 16 connections). Returns the destination.
     */
    static JsonObject assertReported(AgentRun run, String app, Scenario s, ServerSaw server) {
        assertThat(server.requests()).as("requests the server saw").isEqualTo(s.requests());
        JsonObject d = run.destination(server.destination());
        assertThat(d.get("requests").getAsLong()).as("requests, " + run.output).isEqualTo(server.requests());
        assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                .isEqualTo(server.connections());
        if (s.flagged()) {
            // a connection per request; Jetty's pool now and then opens a spare one beside the request's (seen once
            // in 150 requests on a loaded machine), which the report counts as the server does
            assertThat(server.connections() - server.unused()).as("connections that carried a request")
                    .isEqualTo(s.requests());
            assertThat(server.unused()).as("connections opened and never used").isLessThanOrEqualTo(2);
            assertThat(run.findings()).as(run.output).hasSize(1);
            JsonObject f = run.findings().get(0);
            assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
            assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
            assertThat(f.get("site").getAsString()).startsWith("demoapp." + app + ".fetch(" + app + ".java:");
        } else {
            // 8 at once: one connection each, and a few more when one asks before another released
            assertThat(server.connections()).as("the pool reused its connections").isLessThanOrEqualTo(16);
            assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
        }
        return d;
    }

    /**
     * The HTTP/1.1 scenarios a pooled client library shares: per-request and shared clients, closed by the app at the
     * end (every connection closed by the client), and idle-closed (one request at a time, each after the server
     * closed the idle connection of the one before: every connection closed by the server).
     */
    static void checkHttp11(String app, String jdk, String classPath, Scenario s, Path dir)
            throws IOException, InterruptedException {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            boolean idleClosed = s.variant().equals("idle-closed");
            if (idleClosed) {
                server.closingIdleConnectionsAfter(Duration.ofMillis(300));
            }
            AgentRun run = run(app, jdk(jdk), classPath, server.url(), s, dir);
            JsonObject d = assertReported(run, app, s, ServerSaw.of(server));
            assertThat(d.getAsJsonArray("protocols").toString()).isEqualTo("[\"http/1.1\"]");
            if (idleClosed) {
                assertThat(server.connections()).as("a connection per request, each closed when idle").isEqualTo(5);
                assertClosed(d, server.connections(), 0, run);
            } else {
                assertClosed(d, server.connections(), server.connections(), run);
            }
        }
    }

    /** The report's closes: how many, and how many of them the client closed. */
    static void assertClosed(JsonObject destination, long closed, long byClient, AgentRun run) {
        assertThat(destination.get("connectionsClosed").getAsLong()).as("closed, " + run.output).isEqualTo(closed);
        assertThat(destination.get("connectionsClosedByClient").getAsLong()).as("closed by the client, " + run.output)
                .isEqualTo(byClient);
    }

    /**
     * The test apps, the oldest release's jars (from {@code test-libs/<dir>}: {@code jars} of them, {@code named} of
     * which start with {@code prefix} and are of {@code version}) and SLF4J's API from the test class path.
     */
    static String oldestClassPath(String dir, String prefix, int named, String version, int jars) throws IOException {
        Path libs = AgentRun.TEST_LIBS.resolve(dir);
        try (Stream<Path> files = Files.list(libs)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertThat(all).as(prefix + " " + version + " in " + libs).hasSize(jars)
                    .filteredOn(p -> p.getFileName().toString().startsWith(prefix))
                    .hasSize(named)
                    .allMatch(p -> p.getFileName().toString().endsWith("-" + version + ".jar"));
            return AgentRun.classPath("slf4j-api-") + File.pathSeparator
                    + all.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
    }
}
