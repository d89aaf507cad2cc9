package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every supported client, unmodified, in its own JVM with the agent, against a loopback server that counts what it
 * saw: the bad variants get the finding with the app's {@code fetch} (or its client's creation) as the site, the
 * healthy ones none, and the report's totals equal the server's, its closes (where the agent counts them) what
 * happened to each connection. Bad and healthy run on JDK 17 and on JDK 25 when it is installed; the keep-alive
 * and idle-closing variants on the running JDK.
 */
class ClientsIT {
    private static final String[] OKHTTP5 = {"okhttp-jvm-", "okio", "kotlin-stdlib"};
    private static final String[] HC5 = {"httpclient5-", "httpcore5-", "slf4j-api"};
    private static final String[] HC4 = {"httpclient-4", "httpcore-4", "commons-logging", "commons-codec"};
    private static final Set<String> KEEP_ALIVE_OFF = Set.of("KEEP_ALIVE_DISABLED", "NEW_CONNECTION_PER_REQUEST");
    private static final Set<String> NEW_CLIENT = Set.of("NEW_CLIENT_PER_REQUEST");
    private static final Set<String> NONE = Set.of();
    /** The apps whose clients' closes are checked. */
    private static final Set<String> COUNTS_CLOSES = Set.of("demoapp.Hc5App", "demoapp.Hc5AsyncApp",
            "demoapp.JdkHttpApp");

    record Scenario(String name, String app, String variant, int requests, List<String> jvmArgs, Set<String> finding,
                    String site, boolean bothJdks, String classPath) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Object[]> scenarios() throws Exception {
        String ok5 = AgentRun.classPath(OKHTTP5);
        String ok4 = AgentRun.classPath("okio", "kotlin-stdlib") + java.io.File.pathSeparator
                + AgentRun.testLib("okhttp-4");
        String hc5 = AgentRun.classPath(HC5);
        String hc5Oldest = HttpClient5Jars.oldest();
        String hc4 = AgentRun.classPath(HC4);
        String jdk = AgentRun.classPath();
        List<Scenario> all = List.of(
                new Scenario("okhttp5 client per request", "demoapp.OkHttpApp", "per-request", 400, List.of(),
                        NEW_CLIENT, "demoapp.OkHttpApp.fetch(OkHttpApp.java:", true, ok5),
                new Scenario("okhttp5 shared client", "demoapp.OkHttpApp", "shared", 200, List.of(), NONE, null,
                        true, ok5),
                new Scenario("okhttp5 Connection: close", "demoapp.OkHttpApp", "close", 100, List.of(),
                        KEEP_ALIVE_OFF, "demoapp.OkHttpApp.main(", false, ok5),
                new Scenario("okhttp5 zero-idle pool", "demoapp.OkHttpApp", "zero-idle", 100, List.of(),
                        KEEP_ALIVE_OFF, "demoapp.OkHttpApp.main(", false, ok5),
                new Scenario("okhttp4 client per request", "demoapp.OkHttpApp", "per-request", 400, List.of(),
                        NEW_CLIENT, "demoapp.OkHttpApp.fetch(OkHttpApp.java:", true, ok4),
                new Scenario("okhttp4 shared client", "demoapp.OkHttpApp", "shared", 200, List.of(), NONE, null,
                        true, ok4),
                new Scenario("httpclient5 client per request", "demoapp.Hc5App", "per-request", 400, List.of(),
                        NEW_CLIENT, "demoapp.Hc5App.fetch(Hc5App.java:", true, hc5),
                new Scenario("httpclient5 shared client", "demoapp.Hc5App", "shared", 200, List.of(), NONE, null,
                        true, hc5),
                new Scenario("httpclient5 Connection: close", "demoapp.Hc5App", "close", 100, List.of(),
                        KEEP_ALIVE_OFF, "demoapp.Hc5App.main(", false, hc5),
                new Scenario("httpclient5 async client per request", "demoapp.Hc5AsyncApp", "per-request", 400,
                        List.of(), NEW_CLIENT, "demoapp.Hc5AsyncApp.fetch(Hc5AsyncApp.java:", true, hc5),
                new Scenario("httpclient5 async shared client", "demoapp.Hc5AsyncApp", "shared", 200, List.of(),
                        NONE, null, true, hc5),
                // each request once the server closed the connection of the one before
                new Scenario("httpclient5 server closing idle connections", "demoapp.Hc5App", "idle-closed", 3,
                        List.of(), NONE, null, false, hc5),
                new Scenario("httpclient5 async server closing idle connections", "demoapp.Hc5AsyncApp",
                        "idle-closed", 3, List.of(), NONE, null, false, hc5),
                // the oldest HttpClient 5 release tested, with the same apps
                new Scenario("httpclient5 " + HttpClient5Jars.OLDEST + " client per request", "demoapp.Hc5App",
                        "per-request", 400, List.of(), NEW_CLIENT, "demoapp.Hc5App.fetch(Hc5App.java:", true,
                        hc5Oldest),
                new Scenario("httpclient5 " + HttpClient5Jars.OLDEST + " shared client", "demoapp.Hc5App", "shared",
                        200, List.of(), NONE, null, true, hc5Oldest),
                new Scenario("httpclient5 " + HttpClient5Jars.OLDEST + " Connection: close", "demoapp.Hc5App",
                        "close", 100, List.of(), KEEP_ALIVE_OFF, "demoapp.Hc5App.main(", false, hc5Oldest),
                new Scenario("httpclient5 " + HttpClient5Jars.OLDEST + " async client per request",
                        "demoapp.Hc5AsyncApp", "per-request", 400, List.of(), NEW_CLIENT,
                        "demoapp.Hc5AsyncApp.fetch(Hc5AsyncApp.java:", true, hc5Oldest),
                new Scenario("httpclient5 " + HttpClient5Jars.OLDEST + " async shared client", "demoapp.Hc5AsyncApp",
                        "shared", 200, List.of(), NONE, null, true, hc5Oldest),
                new Scenario("httpclient5 " + HttpClient5Jars.OLDEST + " server closing idle connections",
                        "demoapp.Hc5App", "idle-closed", 3, List.of(), NONE, null, false, hc5Oldest),
                new Scenario("httpclient5 " + HttpClient5Jars.OLDEST + " async server closing idle connections",
                        "demoapp.Hc5AsyncApp", "idle-closed", 3, List.of(), NONE, null, false, hc5Oldest),
                new Scenario("httpclient4 client per request", "demoapp.Hc4App", "per-request", 400, List.of(),
                        NEW_CLIENT, "demoapp.Hc4App.fetch(Hc4App.java:", true, hc4),
                new Scenario("httpclient4 shared client", "demoapp.Hc4App", "shared", 200, List.of(), NONE, null,
                        true, hc4),
                new Scenario("httpclient4 Connection: close", "demoapp.Hc4App", "close", 100, List.of(),
                        KEEP_ALIVE_OFF, "demoapp.Hc4App.main(", false, hc4),
                new Scenario("jdk httpclient per request", "demoapp.JdkHttpApp", "per-request", 400, List.of(),
                        NEW_CLIENT, "demoapp.JdkHttpApp.fetch(JdkHttpApp.java:", true, jdk),
                new Scenario("jdk httpclient shared", "demoapp.JdkHttpApp", "shared", 200, List.of(), NONE, null,
                        true, jdk),
                new Scenario("jdk httpclient server closing idle connections", "demoapp.JdkHttpApp", "idle-closed", 3,
                        List.of(), NONE, null, false, jdk),
                new Scenario("httpurlconnection keep-alive", "demoapp.UrlConnectionApp", "read", 200, List.of(),
                        NONE, null, true, jdk),
                new Scenario("httpurlconnection -Dhttp.keepAlive=false", "demoapp.UrlConnectionApp", "read", 100,
                        List.of("-Dhttp.keepAlive=false"), KEEP_ALIVE_OFF,
                        "demoapp.UrlConnectionApp.fetch(UrlConnectionApp.java:", true, jdk),
                new Scenario("httpurlconnection Connection: close", "demoapp.UrlConnectionApp", "close", 100,
                        List.of(), KEEP_ALIVE_OFF, "demoapp.UrlConnectionApp.fetch(UrlConnectionApp.java:", false,
                        jdk));
        List<Object[]> runs = new ArrayList<>();
        for (Scenario s : all) {
            runs.add(new Object[] {"jdk17", s});
            if (s.bothJdks) {
                runs.add(new Object[] {"jdk25", s});
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
            if (s.variant.equals("idle-closed")) {
                // HttpClient 5's apps close their client right after the last response: long enough that they always
                // come first; the JDK's waits for the server's close after its last response too
                server.closingIdleConnectionsAfter(s.app.equals("demoapp.JdkHttpApp") ? Duration.ofMillis(300)
                        : Duration.ofSeconds(1));
            }
            List<String> jvm = new ArrayList<>(s.jvmArgs);
            jvm.add("-cp");
            jvm.add(s.classPath);
            AgentRun run = AgentRun.run(jdk, "log.level=info", jvm,
                    List.of(s.app, server.url(), Integer.toString(s.requests), s.variant), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("every hook ran").doesNotContain(AgentRun.HOOK_FAILED);
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(run.output).as("self-test").contains("self-test passed");
            assertThat(run.appOutput).as("no path or query is ever logged").doesNotContain("secret");
            assertThat(run.report).as(run.output).isNotNull();
            assertThat(run.report.get("schema").getAsString()).isEqualTo("portguard-report/1");

            JsonObject d = run.destination(server.destination());
            assertThat(d.get("requests").getAsLong()).as("requests, " + run.output).isEqualTo(server.requests());
            assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                    .isEqualTo(server.connections());
            assertThat(server.requests()).isEqualTo(s.requests);
            assertThat(d.getAsJsonArray("protocols").toString()).as("every client here speaks HTTP/1.1 to it")
                    .isEqualTo("[\"http/1.1\"]");

            assertClosed(jdkName, s, d, server);

            if (s.finding.isEmpty()) {
                assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
            } else {
                assertThat(run.findings()).as(run.output).isNotEmpty();
                JsonObject f = run.findings().get(0);
                assertThat(f.get("type").getAsString()).isIn(s.finding);
                assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
                assertThat(f.get("site").getAsString()).startsWith(s.site);
                assertThat(run.output).as("log.level=info shows more lines but keeps findings at WARNING")
                        .contains("WARNING: PortGuard " + f.get("type").getAsString());
            }
        }
    }

    /**
     * The report's closes, for the clients whose closes the agent counts here: a client closed (per request, or
     * shared and closed at the end) closed every connection itself; the server closed every connection of an
     * exchange that said {@code Connection: close}, and each idle one it timed out (with HttpClient 5 all but the
     * last, which the app's client closed right after its response). The JDK's client is closed only from JDK 21
     * (the app closes its shared one there); one per request is closed when collected, if it was.
     */
    private static void assertClosed(String jdkName, Scenario s, JsonObject d, LoopbackHttpServer server) {
        if (!COUNTS_CLOSES.contains(s.app)) {
            return;
        }
        long connections = server.connections();
        if (s.variant.equals("idle-closed")) {
            assertThat(connections).as("a connection per request").isEqualTo(s.requests);
        }
        boolean jdk = s.app.equals("demoapp.JdkHttpApp");
        if (jdk && s.variant.equals("per-request")) {
            long closed = d.get("connectionsClosed").getAsLong();
            assertThat(closed).as("closed, " + d).isLessThanOrEqualTo(connections);
            assertThat(d.get("connectionsClosedByClient").getAsLong()).as("closed by the client, " + d)
                    .isEqualTo(closed);
            return;
        }
        if (jdk && s.variant.equals("shared") && jdkName.equals("jdk17")) {
            connections = 0; // no close() before JDK 21: its connections are open when the app exits
        }
        long byClient = switch (s.variant) {
            case "close" -> 0;
            case "idle-closed" -> jdk ? 0 : 1;
            default -> connections;
        };
        assertThat(d.get("connectionsClosed").getAsLong()).as("closed, " + d).isEqualTo(connections);
        assertThat(d.get("connectionsClosedByClient").getAsLong()).as("closed by the client, " + d)
                .isEqualTo(byClient);
    }
}
