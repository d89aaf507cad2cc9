package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.it.grpc.GrpcLoopbackServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmodified gRPC-java app (grpc-netty-shaded) in its own JVM with the agent, against a real gRPC server on
 * loopback TCP that counts its transports: a channel built per RPC, whichever builder, is
 * {@code NEW_CLIENT_PER_REQUEST} at the app's line; one channel carrying 100 RPCs at once over its one HTTP/2
 * connection gets no finding. The report's RPCs and connections equal the server's. JDK 17 and 25, gRPC's newest
 * release (the build's) and its oldest the registry serves.
 */
class GrpcIT {
    /** What gRPC needs besides its own jars, taken from the test class path whatever gRPC version runs. */
    private static final String[] GRPC_NEEDS = {"guava-", "failureaccess-", "perfmark-", "gson-", "annotations-",
        "animal-sniffer-", "error_prone_annotations-", "jspecify-"};

    record Scenario(String variant, int rpcs, boolean flagged, String site) {
        @Override
        public String toString() {
            return variant;
        }
    }

    static Stream<Object[]> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("per-call", 200, true, "demoapp.GrpcApp.fetch(GrpcApp.java:"),
                new Scenario("per-call-managed", 200, true, "demoapp.GrpcApp.fetch(GrpcApp.java:"),
                new Scenario("per-call-grpc", 200, true, "demoapp.GrpcApp.fetch(GrpcApp.java:"),
                new Scenario("shared-concurrent", 500, false, null));
        List<Object[]> runs = new ArrayList<>();
        for (String grpc : List.of("newest", "oldest")) {
            for (String jdk : List.of("jdk17", "jdk25")) {
                for (Scenario s : all) {
                    runs.add(new Object[] {grpc, jdk, s});
                }
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "grpc {0}, {1}: {2}")
    @MethodSource("scenarios")
    void reportsWhatTheServerSaw(String grpc, String jdkName, Scenario s, @TempDir Path dir) throws Exception {
        Path jdk = jdkName.equals("jdk25") ? AgentRun.JDK25 : AgentRun.JDK17;
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + AgentRun.JDK25);
        String classPath = grpc.equals("newest") ? AgentRun.classPath(withGrpc()) : oldestClassPath();
        Duration delay = s.flagged ? Duration.ZERO : Duration.ofMillis(50);
        try (GrpcLoopbackServer server = new GrpcLoopbackServer(delay)) {
            AgentRun run = AgentRun.run(jdk, "", List.of("-cp", classPath),
                    List.of("demoapp.GrpcApp", server.target(), Integer.toString(s.rpcs), s.variant), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(run.output).as("gRPC was guarded").doesNotContain("cannot be guarded");
            assertThat(run.report).as(run.output).isNotNull();
            assertThat(server.requests()).isEqualTo(s.rpcs);

            JsonObject d = run.destination(server.destination());
            assertThat(d.get("requests").getAsLong()).as("RPCs, " + run.output).isEqualTo(server.requests());
            assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                    .isEqualTo(server.connections());
            assertThat(d.getAsJsonArray("protocols").toString()).isEqualTo("[\"h2c\"]");
            if (s.flagged) {
                assertThat(server.connections()).isEqualTo(s.rpcs);
                assertThat(run.findings()).as(run.output).hasSize(1);
                JsonObject f = run.findings().get(0);
                assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
                assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
                assertThat(f.get("site").getAsString()).startsWith(s.site);
            } else {
                assertThat(server.connections()).as("one HTTP/2 connection").isEqualTo(1);
                assertThat(server.peakInFlight()).as("RPCs in flight together").isGreaterThanOrEqualTo(50);
                assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
            }
        }
    }

    private static String[] withGrpc() {
        String[] parts = new String[GRPC_NEEDS.length + 1];
        parts[0] = "grpc-";
        System.arraycopy(GRPC_NEEDS, 0, parts, 1, GRPC_NEEDS.length);
        return parts;
    }

    /** The test apps, gRPC's oldest tested jars, and what they need from the test class path. */
    private static String oldestClassPath() throws IOException {
        Path dir = AgentRun.TEST_LIBS.resolve("grpc-oldest");
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> grpcJars = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertThat(grpcJars).as("gRPC " + System.getProperty("portguard.test.grpcOldest") + " in " + dir)
                    .hasSize(6)
                    .allMatch(p -> p.getFileName().toString()
                            .endsWith("-" + System.getProperty("portguard.test.grpcOldest") + ".jar"));
            return AgentRun.classPath(GRPC_NEEDS) + File.pathSeparator
                    + grpcJars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
    }
}
