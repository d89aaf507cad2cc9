package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unmodified apps in their own JVMs with the agent, calling a loopback HTTP/2 server: the JDK client (h2 over TLS
 * with ALPN), OkHttp (h2, and h2c with prior knowledge) and Apache HttpClient 5 async (HTTP/2 forced: h2 over TLS,
 * h2c with prior knowledge) and its HTTP/2-only client ({@code HttpAsyncClients.createHttp2Default()}, one
 * connection per destination). One shared client sending 100 requests at once, round after round, multiplexes them
 * over a few connections and gets no finding; a client built per request is still NEW_CLIENT_PER_REQUEST at the
 * app's line. The report's requests and connections equal what the server saw, and its destination names the
 * protocol that carried the traffic. JDK 17 and 25.
 */
class Http2IT {
    private static final int ROUNDS = 5;
    private static final int CONCURRENCY = 100;
    private static final int PER_REQUEST = 40;

    @TempDir
    static Path certificates;
    private static Path keyStore;

    /** {@code variant}: shared (a first request, then the bursts), cold (the bursts alone) or per-request. */
    record Scenario(String client, boolean tls, String variant, String release) {
        Scenario(String client, boolean tls, String variant) {
            this(client, tls, variant, "");
        }

        String protocol() {
            return tls ? "h2" : "h2c";
        }

        /**
         * What the report says carried the traffic. HttpClient 5.1 keeps no ALPN result and says HTTP/1.1 of its
         * TLS connections whatever they speak, so the agent leaves their protocol out rather than guess.
         */
        String protocols() {
            boolean unknown = client.equals("hc5") && release.startsWith("5.1.") && tls;
            return unknown ? "[]" : "[\"" + protocol() + "\"]";
        }

        boolean shared() {
            return !variant.equals("per-request");
        }

        /** Sent by the app: the first request of a warm client, then the bursts; or one per client. */
        long requests() {
            return !shared() ? PER_REQUEST : (long) ROUNDS * CONCURRENCY + (variant.equals("shared") ? 1 : 0);
        }

        /**
         * The connections a shared client may open. Once one is open, every stream goes over it; HttpClient 5
         * async (before 5.7) leases a connection per exchange even over HTTP/2, so up to its 5 per route. A cold
         * burst's requests each connect, racing, before any connection exists (the extra ones are then dropped);
         * HttpClient 5's HTTP/2-only pool queues them on its one connect instead.
         */
        long connectionsAtMost() {
            if (client.equals("hc5h2")) {
                return 1;
            }
            return variant.equals("cold") ? CONCURRENCY + 1 : client.equals("hc5") ? 5 : 1;
        }

        @Override
        public String toString() {
            return client + (release.isEmpty() ? "" : " " + release) + " " + protocol() + " " + variant
                    + (shared() ? ", " + CONCURRENCY + " at once" : "");
        }
    }

    static Stream<Object[]> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("jdk", true, "shared"), new Scenario("jdk", true, "per-request"),
                new Scenario("okhttp", true, "shared"), new Scenario("okhttp", false, "shared"),
                new Scenario("okhttp", false, "cold"),
                new Scenario("hc5", true, "shared"), new Scenario("hc5", false, "shared"),
                new Scenario("hc5", false, "per-request"),
                // the oldest HttpClient 5 release tested
                new Scenario("hc5", true, "shared", HttpClient5Jars.OLDEST),
                new Scenario("hc5", false, "shared", HttpClient5Jars.OLDEST),
                new Scenario("hc5", false, "per-request", HttpClient5Jars.OLDEST),
                // the HTTP/2-only client: its own pool, one connection per destination for every stream
                new Scenario("hc5h2", true, "shared"), new Scenario("hc5h2", false, "shared"),
                new Scenario("hc5h2", false, "cold"), new Scenario("hc5h2", false, "per-request"),
                // 5.1: a client per request only. Its HTTP/2-only client loses streams of 100 at once now and then,
                // without the agent too: it opens more connections and retries (the server then sees more requests
                // than the app sent), or stalls
                new Scenario("hc5h2", false, "per-request", HttpClient5Jars.OLDEST));
        List<Object[]> runs = new ArrayList<>();
        all.forEach(s -> runs.add(new Object[] {"jdk17", s}));
        // JDK 25: the JDK's own client, and each library's shared client over TLS on its newest release (a library's
        // bytecode is the same on either JDK; what JDK 25 changes is the agent's weaving and the JDK's TLS)
        all.stream().filter(s -> s.client.equals("jdk") || s.tls && s.release.isEmpty() && s.variant.equals("shared"))
                .forEach(s -> runs.add(new Object[] {"jdk25", s}));
        return runs.stream();
    }

    @BeforeAll
    static void certificate() throws Exception {
        keyStore = H2Server.keyStore(certificates);
    }

    @AfterAll
    static void nothingToStop() {
        // each run has its own server
    }

    private static JsonObject h2OnlyPool(AgentRun run) {
        for (var p : run.report.getAsJsonArray("pools")) {
            if (p.getAsJsonObject().get("client").getAsString().equals("httpclient5-h2")) {
                return p.getAsJsonObject();
            }
        }
        throw new AssertionError("no HTTP/2-only pool in " + run.report.getAsJsonArray("pools"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scenarios")
    void multiplexedTrafficIsHealthyAndCountedAsTheServerSawIt(String jdkName, Scenario s, @TempDir Path dir)
            throws Exception {
        Path jdk = jdkName.equals("jdk25") ? AgentRun.JDK25 : AgentRun.JDK17;
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + AgentRun.JDK25);
        // A cold burst's streams race to connect; with answers that take a moment they are in flight together, as
        // "100 at once" means. Answered at once on a loaded machine, the first streams end before the last have
        // connected, and the connections the race opened would exceed what the streams held at once.
        Duration answerAfter = s.variant.equals("cold") ? Duration.ofMillis(300) : Duration.ZERO;
        try (H2Server server = s.tls ? H2Server.tls(keyStore) : H2Server.cleartext(answerAfter)) {
            List<String> jvm = new ArrayList<>(H2Server.trusting(keyStore));
            jvm.add("-cp");
            jvm.add(s.release.isEmpty()
                    ? AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib", "httpclient5-", "httpcore5-",
                    "slf4j-api")
                    : HttpClient5Jars.oldest() + File.pathSeparator
                    + AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib"));
            int rounds = s.shared() ? ROUNDS : PER_REQUEST;
            AgentRun run = AgentRun.run(jdk, "", jvm, List.of("demoapp.H2App", s.client, server.url(),
                    Integer.toString(rounds), Integer.toString(CONCURRENCY), s.variant),
                    dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).as("every hook ran").doesNotContain(AgentRun.HOOK_FAILED);
            assertThat(run.output).as("the app spoke HTTP/2").containsPattern("done (HTTP_2|h2|HTTP/2)");
            long sent = s.requests();
            System.out.printf("%s %s: server saw %d requests, %d connections; guard %s%n", jdkName, s,
                    server.requests(), server.connections(), run.report.getAsJsonArray("destinations"));
            assertThat(server.requests()).isEqualTo(sent);

            JsonObject d = run.destination(server.destination());
            assertThat(d.get("requests").getAsLong()).as("requests, " + run.output).isEqualTo(server.requests());
            assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                    .isEqualTo(server.connections());
            assertThat(d.getAsJsonArray("protocols").toString()).as(run.output).isEqualTo(s.protocols());
            if (s.shared()) {
                assertThat(server.connections()).as("streams shared connections")
                        .isBetween(1L, s.connectionsAtMost());
                assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
                if (s.client.equals("hc5h2")) {
                    // every stream gives the connection back: what is held at exit is at most the last burst's
                    // streams still finishing, never the run's total
                    JsonObject pool = h2OnlyPool(run);
                    assertThat(pool.get("requests").getAsLong()).isEqualTo(sent);
                    assertThat(pool.get("inUse").getAsLong()).as(pool.toString()).isBetween(0L, (long) CONCURRENCY);
                    assertThat(pool.get("site").getAsString()).startsWith("demoapp.H2App.shared(H2App.java:");
                }
            } else {
                assertThat(run.findings()).as(run.output).hasSize(1);
                JsonObject f = run.findings().get(0);
                assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
                assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
                assertThat(f.get("site").getAsString()).startsWith("demoapp.H2App.fetch(H2App.java:");
            }
        }
    }
}
