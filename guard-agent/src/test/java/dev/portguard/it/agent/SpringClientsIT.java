package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's RestTemplate, RestClient and WebClient with their default request factories, in an unmodified app in
 * its own JVM with the agent, against a loopback HTTP/1.1 server that counts what it saw. Spring picks the client
 * it sits on from the class path, so each scenario names what the class path offers:
 * <ul>
 *   <li>only the JDK: RestClient (JDK {@code HttpClient}) and WebClient (JDK connector) built per request are
 *   {@code NEW_CLIENT_PER_REQUEST} at the app's line that called Spring; RestTemplate per request
 *   ({@code HttpURLConnection}, whose keep-alive cache is JVM-wide) is quiet;</li>
 *   <li>Jetty: RestClient per request (a Jetty client per factory) is flagged at the app's line;</li>
 *   <li>Reactor Netty: RestClient and WebClient per request share Reactor's global pool: quiet;</li>
 *   <li>one shared RestTemplate (4 requests in flight), RestClient or WebClient (8): quiet.</li>
 * </ul>
 * The report's requests and connections equal the server's. The oldest and newest Spring Framework the registry
 * serves (the app is compiled against the release Spring Boot brings): every scenario on JDK 17 with both, the JDK
 * client's on JDK 25 with the newest.
 */
class SpringClientsIT {
    private static final String[] SPRING = {"spring-web-", "spring-webflux-", "spring-core-", "spring-beans-",
        "micrometer-observation-", "micrometer-commons-",
        "reactor-core-", "reactive-streams-", "commons-logging-", "jspecify-"};
    /** Spring's Reactor Netty connectors are lifecycle beans: they need spring-context. */
    private static final String[] REACTOR_NETTY = {"reactor-netty-", "netty-", "spring-context-"};
    private static final String[] JETTY = {"jetty-", "slf4j-api-"};
    private static final Path APP_SOURCE = Path.of("src/test/java/demoapp/SpringClientsApp.java");

    record Scenario(String classPath, String variant, int requests, boolean flagged) {
        @Override
        public String toString() {
            return variant + " on " + classPath;
        }
    }

    static Stream<Object[]> scenarios() {
        List<Scenario> jdk17 = List.of(
                new Scenario("jdk", "rest-template-per-request", 200, false),
                new Scenario("jdk", "rest-template-shared", 400, false),
                new Scenario("jdk", "rest-client-per-request", 100, true),
                new Scenario("jdk", "rest-client-shared", 400, false),
                new Scenario("jdk", "web-client-per-request", 100, true),
                new Scenario("jetty", "rest-client-per-request", 100, true),
                new Scenario("reactor-netty", "rest-client-per-request", 200, false),
                new Scenario("reactor-netty", "web-client-per-request", 200, false),
                new Scenario("reactor-netty", "web-client-shared", 400, false));
        // Both ends of the range; on JDK 25 the JDK's own client under Spring (Jetty and Reactor Netty run on JDK 25
        // in their own tests)
        return ReleaseMatrix.runs(List.of("newest", "oldest"), jdk17,
                ReleaseMatrix.named("rest-client-per-request on jdk", "web-client-per-request on jdk"));
    }

    @ParameterizedTest(name = "spring {0}, {1}: {2}")
    @MethodSource("scenarios")
    void reportsWhatTheServerSaw(String spring, String jdkName, Scenario s, @TempDir Path dir) throws Exception {
        Path jdk = jdkName.equals("jdk25") ? AgentRun.JDK25 : AgentRun.JDK17;
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + AgentRun.JDK25);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(jdk, "", List.of("-cp", classPath(spring, s.classPath)),
                    List.of("demoapp.SpringClientsApp", server.url(), Integer.toString(s.requests), s.variant), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(run.output).as("every client was woven").doesNotContain("lacks the methods");
            assertThat(run.output).as("every hook ran").doesNotContain(AgentRun.HOOK_FAILED);
            assertThat(run.report).as(run.output).isNotNull();
            // The app sends s.requests; a client may send one again on a new connection when the one it chose was
            // closed under it (seen once with Jetty: 101 of 100). What is claimed is that the guard counts what the
            // server saw, exactly, below.
            assertThat(server.requests()).as("requests the server saw").isBetween((long) s.requests, s.requests + 3L);

            JsonObject d = run.destination(server.destination());
            assertThat(d.get("requests").getAsLong()).as("requests, " + run.output).isEqualTo(server.requests());
            assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                    .isEqualTo(server.connections());
            if (s.flagged) {
                assertThat(server.connections()).as("a connection per request").isGreaterThanOrEqualTo(s.requests);
                assertThat(run.findings()).as(run.output).hasSize(1);
                JsonObject f = run.findings().get(0);
                assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
                assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
                assertThat(f.get("site").getAsString()).as("the app's line that called Spring")
                        .isEqualTo("demoapp.SpringClientsApp.fetch(SpringClientsApp.java:" + lineOf(s) + ")");
            } else {
                assertThat(server.connections()).as("connections were reused").isLessThanOrEqualTo(16);
                assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
            }
        }
    }

    /**
     * The app's class path: what it needs from the test class path, with the oldest or newest Spring release the
     * registry serves ({@code test-libs/spring-oldest}, {@code spring-newest}) in place of the build's.
     */
    private static String classPath(String spring, String classPath) throws IOException {
        boolean oldest = spring.equals("oldest");
        String version = System.getProperty(oldest ? "portguard.test.springOldest" : "portguard.test.springNewest");
        Path libs = AgentRun.TEST_LIBS.resolve("spring-" + spring);
        List<String> others = new ArrayList<>(List.of(jars(classPath)));
        others.removeIf(part -> part.startsWith("spring-"));
        try (Stream<Path> files = Files.list(libs)) {
            List<Path> springJars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            // 6.2 has its own commons-logging bridge, spring-jcl; 7.0 uses commons-logging itself
            assertThat(springJars).as("Spring " + version + " in " + libs).hasSize(oldest ? 8 : 7)
                    .allMatch(p -> p.getFileName().toString().endsWith("-" + version + ".jar"));
            return AgentRun.classPath(others.toArray(String[]::new)) + java.io.File.pathSeparator
                    + springJars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
    }

    private static String[] jars(String classPath) {
        List<String> parts = new ArrayList<>(List.of(SPRING));
        switch (classPath) {
            case "jdk" -> { }
            case "jetty" -> parts.addAll(List.of(JETTY));
            case "reactor-netty" -> parts.addAll(List.of(REACTOR_NETTY));
            default -> throw new IllegalArgumentException(classPath);
        }
        return parts.toArray(String[]::new);
    }

    /** The line of the app's fetch that calls the scenario's Spring API. */
    private static int lineOf(Scenario s) throws IOException {
        String api = s.variant.substring(0, s.variant.length() - "-per-request".length());
        List<String> lines = Files.readAllLines(APP_SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("case \"" + api + "\" ->")) {
                return i + 1;
            }
        }
        throw new AssertionError("no call of " + api + " in " + APP_SOURCE);
    }
}
