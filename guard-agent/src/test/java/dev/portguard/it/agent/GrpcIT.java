package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.it.grpc.Echo;
import dev.portguard.it.grpc.GrpcLoopbackServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmodified gRPC-java app in its own JVM with the agent, against a real gRPC server on loopback TCP that counts
 * its transports: a channel built per RPC, whichever builder and transport, is {@code NEW_CLIENT_PER_REQUEST} at
 * the app's line, shut down after its RPC or never; one channel carrying 100 RPCs at once over its one HTTP/2
 * connection gets no finding. The report's RPCs and connections equal the server's, and its protocol is h2c.
 * JDK 17 and 25; the Netty (shaded) transport on gRPC's newest release (the build's) and its oldest tested one; the
 * OkHttp transport, alone on the class path, on the newest grpc-okhttp the registry serves and the same oldest.
 */
class GrpcIT {
    /** What gRPC needs besides its own jars, taken from the test class path whatever gRPC version runs. */
    private static final String[] GRPC_NEEDS = {"guava-", "failureaccess-", "perfmark-", "gson-", "annotations-",
        "animal-sniffer-", "error_prone_annotations-", "jspecify-"};
    /** A release older than the agent supports; it predates grpc-util, so it has one jar fewer. */
    private static final String TOO_OLD_DIR = "grpc-too-old";
    /** What grpc-okhttp needs besides: Okio (and the Kotlin library Okio 3 is written in). */
    private static final String[] OKHTTP_NEEDS = {"okio-", "kotlin-stdlib-"};

    /** A gRPC release and transport the app runs with: its jars in {@code test-libs/<dir>}, or the build's own. */
    record Release(String name, String dir, String version, String transport) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Scenario(String variant, int rpcs, boolean flagged) {
        @Override
        public String toString() {
            return variant;
        }
    }

    static Stream<Object[]> scenarios() {
        String oldest = System.getProperty("portguard.test.grpcOldest");
        String okHttp = System.getProperty("portguard.test.grpcOkHttp");
        List<Release> netty = List.of(new Release("newest", null, null, "netty-shaded"),
                new Release("oldest " + oldest, "grpc-oldest", oldest, "netty-shaded"));
        List<Release> okHttpReleases = List.of(new Release("okhttp " + okHttp, "grpc-okhttp-newest", okHttp, "okhttp"),
                new Release("okhttp " + oldest, "grpc-okhttp-oldest", oldest, "okhttp"));
        List<Scenario> onNetty = List.of(
                new Scenario("per-call", 200, true),
                new Scenario("per-call-managed", 200, true),
                new Scenario("per-call-grpc", 200, true),
                new Scenario("shared-concurrent", 500, false));
        List<Scenario> onOkHttp = List.of(
                new Scenario("per-call-okhttp", 200, true),
                new Scenario("per-call-okhttp-unclosed", 200, true),
                new Scenario("per-call-grpc", 200, true), // Grpc.newChannelBuilder finds OkHttp alone
                new Scenario("shared-concurrent-okhttp", 500, false));
        return Stream.concat(
                ReleaseMatrix.runs(netty, onNetty, ReleaseMatrix.named("per-call", "shared-concurrent")),
                ReleaseMatrix.runs(okHttpReleases, onOkHttp,
                        ReleaseMatrix.named("per-call-okhttp", "shared-concurrent-okhttp")));
    }

    @ParameterizedTest(name = "grpc {0}, {1}: {2}")
    @MethodSource("scenarios")
    void reportsWhatTheServerSaw(Release release, String jdkName, Scenario s, @TempDir Path dir) throws Exception {
        Path jdk = jdkName.equals("jdk25") ? AgentRun.JDK25 : AgentRun.JDK17;
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + AgentRun.JDK25);
        Duration delay = s.flagged ? Duration.ZERO : Duration.ofMillis(50);
        try (GrpcLoopbackServer server = new GrpcLoopbackServer(delay)) {
            AgentRun run = AgentRun.run(jdk, "", List.of("-cp", classPath(release)),
                    List.of("demoapp.GrpcApp", Integer.toString(server.port()), Integer.toString(s.rpcs),
                            s.variant), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("every hook ran").doesNotContain(AgentRun.HOOK_FAILED);
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(run.output).as("the transport on the class path")
                    .contains("transports: " + release.transport + System.lineSeparator());
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
                assertThat(f.get("site").getAsString()).startsWith("demoapp.GrpcApp.fetch(GrpcApp.java:");
            } else {
                assertThat(server.connections()).as("one HTTP/2 connection").isEqualTo(1);
                assertThat(server.peakInFlight()).as("RPCs in flight together").isGreaterThanOrEqualTo(50);
                assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
            }
        }
    }

    /**
     * gRPC older than the agent supports, older than the builder class the agent weaves (so nothing woven ever
     * loads): one line says so, once, and the app runs as it would without the agent, its channels not counted.
     */
    @Test
    void aReleaseTooOldRunsUnguardedWithOneLine(@TempDir Path dir) throws Exception {
        String version = System.getProperty("portguard.test.grpcTooOld");
        Release tooOld = new Release("too old " + version, TOO_OLD_DIR, version, "netty-shaded");
        try (GrpcLoopbackServer server = new GrpcLoopbackServer(Duration.ZERO)) {
            AgentRun run = AgentRun.run(AgentRun.JDK17, "", List.of("-cp", classPath(tooOld)),
                    List.of("demoapp.GrpcApp", Integer.toString(server.port()), "20", "per-call"), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(server.requests()).isEqualTo(20);
            assertThat(run.appOutput.lines().filter(l -> l.startsWith("[portguard]")))
                    .as("the agent's only line, " + run.output)
                    .containsExactly("[portguard] gRPC-java: this release is older than the oldest this agent"
                            + " supports (1.76.0 is the oldest tested; it lacks"
                            + " io.grpc.internal.ManagedChannelImplBuilder, whose build() the agent advises, from"
                            + " 1.33.0 on); not guarding its channels");
            assertThat(run.report).as(run.output).isNotNull();
            assertThat(run.report.getAsJsonArray("pools")).as("pools, " + run.report).isNotNull();
            assertThat(run.report.toString()).as("no gRPC pool or pool site").doesNotContain("\"client\":\"grpc\"");
            assertThat(run.report.getAsJsonArray("destinations").toString()).as("nothing counted")
                    .doesNotContain(server.destination());
            assertThat(run.findings()).isEmpty();
        }
    }

    /** The test apps, the shared Echo method, and the release's gRPC with what it needs. */
    private static String classPath(Release release) throws IOException, URISyntaxException {
        String echo = Path.of(Echo.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        if (release.dir == null) {
            return AgentRun.classPath(withGrpc()) + File.pathSeparator + echo;
        }
        Path libs = AgentRun.TEST_LIBS.resolve(release.dir);
        try (Stream<Path> jars = Files.list(libs)) {
            List<Path> grpcJars = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertThat(grpcJars).as("gRPC " + release.version + " in " + libs)
                    .hasSize(release.dir.equals(TOO_OLD_DIR) ? 5 : 6)
                    .allMatch(p -> p.getFileName().toString().endsWith("-" + release.version + ".jar"))
                    .anyMatch(p -> p.getFileName().toString().startsWith("grpc-" + release.transport + "-"));
            String needs = release.transport.equals("okhttp")
                    ? AgentRun.classPath(concat(GRPC_NEEDS, OKHTTP_NEEDS)) : AgentRun.classPath(GRPC_NEEDS);
            return needs + File.pathSeparator + echo + File.pathSeparator
                    + grpcJars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
    }

    private static String[] withGrpc() {
        return concat(new String[] {"grpc-"}, GRPC_NEEDS);
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
