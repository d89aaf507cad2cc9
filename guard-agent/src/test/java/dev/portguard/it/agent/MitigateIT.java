package dev.portguard.it.agent;

import com.google.gson.JsonElement;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mitigate mode, end to end: an unmodified program that builds a client per request runs in its own JVM under the
 * agent, once observed and once mitigated, beside the same program with one shared client. Under mitigation it
 * opens about as many connections as the shared program (counted by the server), gets the same responses, keeps
 * its threads flat, and its finding still names the line that builds the clients.
 */
class MitigateIT {
    private static final String[] OKHTTP5 = {"okhttp-jvm-", "okio", "kotlin-stdlib"};
    private static final int REQUESTS = 300;

    /**
     * @param everyClientIsBuilt OkHttp: each client the code builds still registers a pool of its own (its
     *                           connections go to the shared one); the JDK and Apache clients: the shared client or
     *                           manager serves them, so only the first pools are created
     * @param sharedMost         the most connections one shared client opens for these one-at-a-time requests: 1,
     *                           but an Apache async client gives a connection back on its I/O thread after the
     *                           response is handed over, so the next request may find it still leased and open
     *                           another, up to the route's limit (5)
     */
    record Program(String name, String app, String site, Path jdk, String classPath, boolean everyClientIsBuilt,
                   int sharedMost) {
        Program(String name, String app, String site, Path jdk, String classPath, boolean everyClientIsBuilt) {
            this(name, app, site, jdk, classPath, everyClientIsBuilt, 1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Program> programs() throws Exception {
        String ok5 = AgentRun.classPath(OKHTTP5);
        String ok4 = AgentRun.classPath("okio", "kotlin-stdlib") + java.io.File.pathSeparator
                + AgentRun.testLib("okhttp-4");
        String okSite = "demoapp.PerRequestOkHttpApp.newClient(PerRequestOkHttpApp.java:";
        String jdkSite = "demoapp.PerRequestJdkApp.newClient(PerRequestJdkApp.java:";
        String jdk = AgentRun.classPath();
        String hc5 = AgentRun.classPath("httpclient5-", "httpcore5-", "slf4j-api");
        String hc5Site = "demoapp.PerRequestHc5App.fetchWithNewClient(PerRequestHc5App.java:";
        String hc5AsyncSite = "demoapp.PerRequestHc5AsyncApp.newClient(PerRequestHc5AsyncApp.java:";
        String hc4 = AgentRun.classPath("httpclient-4", "httpcore-4", "commons-logging", "commons-codec");
        String hc4Site = "demoapp.PerRequestHc4App.fetchWithNewClient(PerRequestHc4App.java:";
        return Stream.of(
                new Program("httpclient4 on jdk17", "demoapp.PerRequestHc4App", hc4Site, AgentRun.JDK17, hc4, false),
                new Program("httpclient5 classic on jdk17", "demoapp.PerRequestHc5App", hc5Site, AgentRun.JDK17, hc5,
                        false),
                new Program("httpclient5 async on jdk17", "demoapp.PerRequestHc5AsyncApp", hc5AsyncSite,
                        AgentRun.JDK17, hc5, false, 5),
                new Program("okhttp5 on jdk17", "demoapp.PerRequestOkHttpApp", okSite, AgentRun.JDK17, ok5, true),
                new Program("okhttp5 on jdk25", "demoapp.PerRequestOkHttpApp", okSite, AgentRun.JDK25, ok5, true),
                new Program("okhttp4 on jdk17", "demoapp.PerRequestOkHttpApp", okSite, AgentRun.JDK17, ok4, true),
                new Program("jdk httpclient on jdk17", "demoapp.PerRequestJdkApp", jdkSite, AgentRun.JDK17, jdk,
                        false),
                new Program("jdk httpclient on jdk25", "demoapp.PerRequestJdkApp", jdkSite, AgentRun.JDK25, jdk,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void perRequestClientsUnderMitigateOpenAboutAsManyConnectionsAsASharedClient(Program p, @TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(p.jdk.resolve("bin/java")), "no JDK at " + p.jdk);
        Served shared = serve(p, "mode=observe", "shared", dir.resolve("shared"));
        Served observed = serve(p, "mode=observe", "per-request", dir.resolve("observed"));
        Served all = serve(p, "mode=mitigate,mitigate=all", "per-request", dir.resolve("all"));
        Served found = serve(p, "mode=mitigate", "per-request", dir.resolve("found"));

        if (p.sharedMost == 1) {
            assertThat(shared.connections).isEqualTo(1);
        } else {
            assertThat(shared.connections).isBetween(1L, (long) p.sharedMost);
        }
        assertThat(observed.connections).isEqualTo(REQUESTS);
        // mitigate=all: the first mitigate.after (3) clients are the code's, every later one shares
        assertThat(all.connections).as(all.run.output).isLessThanOrEqualTo(3 + p.sharedMost);
        // found: each client opens its own until the finding (min.requests, 20), then they share
        assertThat(found.connections).as(found.run.output).isLessThanOrEqualTo(20 + 1 + p.sharedMost);
        for (Served s : List.of(observed, all, found)) {
            assertThat(s.responses).isEqualTo(shared.responses).isEqualTo("{200 ok=" + REQUESTS + "}");
            assertThat(s.refused).isEqualTo(shared.refused).isEqualTo(observed.refused).isNotEmpty();
        }
        for (Served s : List.of(observed, found)) {
            assertThat(s.run.findingsSummary()).contains("NEW_CLIENT_PER_REQUEST@" + p.site);
        }
        // mitigate=all shares from the fourth client on, before the guard has a finding's evidence (min.requests):
        // the mitigation line and the report's line for the site name it instead
        for (Served s : List.of(all, found)) {
            JsonObject site = site(s.run, p.site);
            assertThat(site.get("mitigated").getAsBoolean()).as(site.toString()).isTrue();
            JsonObject m = site.getAsJsonObject("mitigation");
            long clientsShared = m.get("clientsShared").getAsLong();
            // the code is still what it was: a client per request (and one for the refused request)
            assertThat(p.everyClientIsBuilt ? site.get("created").getAsLong()
                    : site.get("created").getAsLong() + clientsShared).isGreaterThanOrEqualTo(REQUESTS + 1);
            assertThat(clientsShared).isGreaterThanOrEqualTo(REQUESTS - 25);
            assertThat(m.get("requestsBefore").getAsLong() + m.get("requestsAfter").getAsLong())
                    .isEqualTo(REQUESTS + 1); // and the refused one
            // the shared connection, and (the JDK client counts an attempt as an open) the refused request
            assertThat(m.get("connectionsOpenedAfter").getAsLong()).as(site.toString())
                    .isLessThanOrEqualTo(2 + p.sharedMost);
            assertThat(m.get("connectionsSaved").getAsLong()).isGreaterThan(REQUESTS - 30);
            if (!p.name.startsWith("jdk")) {
                // OkHttp's default pool keeps 5 idle; Apache's default managers 20 or 25 in all
                assertThat(m.get("sharedPoolSize").getAsInt()).isGreaterThanOrEqualTo(5);
            }
            assertThat(s.run.appOutput).containsOnlyOnce("PortGuard mitigating: clients built at " + p.site);
        }
        assertThat(observed.run.appOutput).doesNotContain("mitigat");
        assertThat(observed.run.report.toString()).doesNotContain("mitigat");
    }

    /** The programs whose clients start threads of their own (Apache's classic clients start none). */
    static Stream<Program> programsWithThreads() throws Exception {
        return programs().filter(p -> !p.name.startsWith("httpclient") || p.name.contains("async"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programsWithThreads")
    void asyncCallsOfPerRequestClientsRunOnFlatThreadsAndAProgramThatClosesEachClientStillWorks(Program p,
            @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(p.jdk.resolve("bin/java")), "no JDK at " + p.jdk);
        Served observed = serve(p, "mode=observe", "per-request", dir.resolve("observed"), "async");
        Served mitigated = serve(p, "mode=mitigate,mitigate=all", "per-request", dir.resolve("mitigated"), "async");
        Served closing = serve(p, "mode=mitigate,mitigate=all", "per-request", dir.resolve("closing"), "async",
                "close");

        // each client the code builds starts threads of its own (OkHttp: a dispatcher thread idle for 60 s; the JDK
        // client: a selector and workers, until the client is collected; an Apache async client: a starter and an
        // I/O thread per core, until it is closed)
        assertThat(observed.clientThreads).isGreaterThan(mitigated.clientThreads + 20);
        // the threads of the few clients built before sharing began, and a few shared ones (a thread finishing a
        // callback is still busy when the next call comes): bounded by calls in flight, not by clients built
        // (an Apache async client starts a thread and an I/O thread per core: four clients' worth on a large machine)
        long bound = Math.max(20, 4L * (1 + Runtime.getRuntime().availableProcessors()));
        assertThat(mitigated.clientThreads).as(mitigated.run.output).isLessThanOrEqualTo(bound);
        assertThat(mitigated.connections).as(mitigated.run.output).isLessThanOrEqualTo(3 + p.sharedMost);
        for (Served s : List.of(observed, mitigated, closing)) {
            assertThat(s.responses).isEqualTo("{200 ok=" + REQUESTS + "}");
        }
        // closing a client shuts its own executor view only; evictAll empties the site's idle connections, so
        // such a program saves less, but it works
        assertThat(closing.clientThreads).as(closing.run.output).isLessThanOrEqualTo(bound);
    }

    /**
     * JDK 21+: code that closes, shuts down or shuts down now each client it built still works under mitigation, its
     * closed client answers as a closed client does, and the shared client behind it goes on serving the next ones
     * on the same connection.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"close", "shutdown", "shutdownNow"})
    void jdkClientsTheCodeClosesOrShutsDownStillWorkAndTheSharedClientKeepsServing(String closing,
            @TempDir Path dir) throws Exception {
        Program p = programs().filter(x -> x.name.equals("jdk httpclient on jdk25")).findFirst().orElseThrow();
        Assumptions.assumeTrue(Files.isExecutable(p.jdk.resolve("bin/java")), "no JDK at " + p.jdk);
        Served observed = serve(p, "mode=observe", "per-request", dir.resolve("observed"), "sync", closing);
        Served mitigated = serve(p, "mode=mitigate,mitigate=all", "per-request", dir.resolve("mitigated"), "sync",
                closing);

        assertThat(mitigated.responses).isEqualTo(observed.responses).isEqualTo("{200 ok=" + REQUESTS + "}");
        String after = "after " + closing + " java.io.IOException: closed";
        assertThat(observed.run.appOutput).contains(after);
        assertThat(mitigated.run.appOutput).contains(after);
        assertThat(observed.connections).isEqualTo(REQUESTS);
        // the first mitigate.after (3) clients are the code's own; every later one is served by the shared client
        assertThat(mitigated.connections).as(mitigated.run.output).isLessThanOrEqualTo(3 + 1);
        JsonObject m = site(mitigated.run, p.site).getAsJsonObject("mitigation");
        assertThat(m.get("clientsShared").getAsLong()).isGreaterThanOrEqualTo(REQUESTS - 5);
    }

    /**
     * An Apache async client the code starts and closes per request: under mitigation its view answers before start
     * and after close as the code's own client does, the shared client keeps one connection for all, and the I/O
     * threads stay those of one client.
     */
    @org.junit.jupiter.api.Test
    void apacheAsyncClientsTheCodeClosesAnswerAsTheirOwnAndShareOneConnection(@TempDir Path dir) throws Exception {
        Program p = programs().filter(x -> x.name.equals("httpclient5 async on jdk17")).findFirst().orElseThrow();
        Served observed = serve(p, "mode=observe", "per-request", dir.resolve("observed"), "async", "close");
        Served mitigated = serve(p, "mode=mitigate,mitigate=all", "per-request", dir.resolve("mitigated"), "async",
                "close");

        assertThat(mitigated.responses).isEqualTo(observed.responses).isEqualTo("{200 ok=" + REQUESTS + "}");
        assertThat(observed.connections).isEqualTo(REQUESTS);
        assertThat(mitigated.connections).as(mitigated.run.output).isLessThanOrEqualTo(3 + p.sharedMost);
        for (String answer : List.of("before start (.*)", "after close (.*)")) {
            assertThat(line(mitigated.run, answer)).isEqualTo(line(observed.run, answer));
        }
        assertThat(line(observed.run, "before start (.*)")).contains("CancellationException");
        assertThat(line(observed.run, "after close (.*)")).contains("IllegalStateException").endsWith("SHUT_DOWN");
        // each client starts a thread and an I/O thread per core; the shared client's stay, one set, beside those of
        // the code's own first clients (closed, but their threads may not have ended yet)
        assertThat(mitigated.clientThreads).as(mitigated.run.output)
                .isLessThanOrEqualTo(4L * (1 + Runtime.getRuntime().availableProcessors()));
    }

    /** HttpURLConnection shares the JVM's keep-alive cache already; code that turned keep-alive off is left so. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"-Dhttp.keepAlive=false", "Connection: close"})
    void httpUrlConnectionWithKeepAliveTurnedOffIsNotRewrittenAndTheReportSaysSo(String how, @TempDir Path dir)
            throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            List<String> jvm = new ArrayList<>(List.of("-cp", AgentRun.classPath()));
            if (how.startsWith("-D")) {
                jvm.add(0, how);
            }
            AgentRun run = AgentRun.run(AgentRun.JDK17, "mode=mitigate,mitigate=all", jvm,
                    List.of("demoapp.UrlConnectionApp", server.url(), "100", how.startsWith("-D") ? "read" : "close"),
                    dir);
            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(server.connections()).isEqualTo(100);
            String site = "demoapp.UrlConnectionApp.fetch(UrlConnectionApp.java:";
            assertThat(run.findingsSummary()).contains("@" + site);
            JsonObject s = site(run, site);
            assertThat(s.get("mitigated").getAsBoolean()).isFalse();
            assertThat(s.get("notMitigatedBecause").getAsString()).contains("keep-alive off");
            assertThat(run.appOutput).containsOnlyOnce("PortGuard not mitigating clients built at " + site);
        }
    }

    private record Served(AgentRun run, long connections, String responses, String refused, long clientThreads) {
    }

    private static Served serve(Program p, String options, String variant, Path dir, String... more)
            throws Exception {
        Files.createDirectories(dir);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            List<String> args = new ArrayList<>(List.of(p.app, server.url(), Integer.toString(REQUESTS), variant));
            args.addAll(List.of(more));
            if (more.length == 0) {
                args.add("sync");
            }
            AgentRun run = AgentRun.run(p.jdk, options, List.of("-cp", p.classPath), args, dir);
            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("the app ran").contains("done");
            assertThat(run.appOutput).as("no path or query is ever logged").doesNotContain("secret");
            assertThat(server.requests()).isEqualTo(REQUESTS);
            JsonObject d = run.destination(server.destination());
            assertThat(d.get("connectionsOpened").getAsLong()).as("the guard counts what the server saw")
                    .isEqualTo(server.connections());
            return new Served(run, server.connections(), line(run, "responses (\\{.*})"),
                    line(run, "refused (\\S+)"), Long.parseLong(line(run, "client threads (\\d+)")));
        }
    }

    private static String line(AgentRun run, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(run.appOutput);
        assertThat(m.find()).as(run.output).isTrue();
        return m.group(1);
    }

    static JsonObject site(AgentRun run, String site) {
        for (JsonElement e : run.report.getAsJsonArray("poolSites")) {
            if (e.getAsJsonObject().get("site").getAsString().startsWith(site)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no site " + site + " in " + run.report);
    }
}
