package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response bodies never closed, per client, each app unmodified in its own JVM with the agent: the leaking app gets
 * {@code CONNECTION_LEAK} at the line that took the responses; the same app closing its bodies, with three slow
 * downloads read for three times {@code leak.age} (as long as the healthy app keeps reading, it holds them), gets
 * nothing.
 */
class LeaksIT {
    private static final String AGENT = "leak.age=1s,leak.count=3";
    /** Each chunk of a slow download, every {@link #CHUNK_GAP_MS}; 30 of them: three seconds. */
    private static final int CHUNK_GAP_MS = 100;
    private static final int CHUNKS = 30;
    /** A body far larger than any client's buffers and the sockets' (64 KiB chunks). */
    private static final int BIG_BODY = 16 * 1024 * 1024;

    private static HttpServer server;
    private static ExecutorService threads;
    private static final AtomicInteger runs = new AtomicInteger();

    record Client(String name, String app, int leaked, String classPath, Path jdk) {
        Client(String name, String app, int leaked, String classPath) {
            this(name, app, leaked, classPath, AgentRun.JDK17);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Client> clients() throws Exception {
        return Stream.of(
                new Client("okhttp5", "demoapp.LeakyOkHttpApp", 5,
                        AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib")),
                new Client("okhttp4", "demoapp.LeakyOkHttpApp", 5, AgentRun.classPath("okio", "kotlin-stdlib")
                        + java.io.File.pathSeparator + AgentRun.testLib("okhttp-4")),
                new Client("httpclient5", "demoapp.LeakyHc5App", 4,
                        AgentRun.classPath("httpclient5-", "httpcore5-", "slf4j-api")),
                new Client("httpclient5 " + HttpClient5Jars.OLDEST, "demoapp.LeakyHc5App", 4,
                        HttpClient5Jars.oldest()),
                new Client("httpclient4", "demoapp.LeakyHc4App", 4,
                        AgentRun.classPath("httpclient-4", "httpcore-4", "commons-logging", "commons-codec")),
                // the JDK's own clients, on the oldest and newest JDKs the agent supports
                new Client("jdk-httpclient (JDK 17)", "demoapp.LeakyJdkHttpApp", 4, AgentRun.classPath(),
                        AgentRun.JDK17),
                new Client("jdk-httpclient (JDK 25)", "demoapp.LeakyJdkHttpApp", 4, AgentRun.classPath(),
                        AgentRun.JDK25),
                new Client("httpurlconnection (JDK 17)", "demoapp.LeakyUrlConnectionApp", 4, AgentRun.classPath(),
                        AgentRun.JDK17),
                new Client("httpurlconnection (JDK 25)", "demoapp.LeakyUrlConnectionApp", 4, AgentRun.classPath(),
                        AgentRun.JDK25));
    }

    @BeforeAll
    static void serve() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.start();
    }

    /** A base URL of the run's own, so runs in parallel count their own downloads. */
    private static String base(AtomicInteger downloadsFinished) {
        String prefix = "/run" + runs.incrementAndGet();
        server.createContext(prefix + "/small", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext(prefix + "/big", exchange -> {
            // more than a client buffers unasked: a body never read stops arriving, and its connection stays taken
            exchange.sendResponseHeaders(200, BIG_BODY);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < BIG_BODY; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the leaking client's JVM ended with the body unread
            }
        });
        server.createContext(prefix + "/closing", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext(prefix + "/stream", exchange -> {
            slowDownload(exchange);
            downloadsFinished.incrementAndGet();
        });
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    /** Chunked, a little at a time: a download (or an event stream) that takes three seconds. */
    private static void slowDownload(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[512];
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < CHUNKS; i++) {
                out.write(chunk);
                out.flush();
                Thread.sleep(CHUNK_GAP_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static String destination() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void bodiesNeverClosedAreReportedAtTheLineThatTookThem(Client c, @TempDir Path dir) throws Exception {
        AgentRun run = AgentRun.run(c.jdk, AGENT, List.of("-cp", c.classPath),
                List.of(c.app, base(new AtomicInteger()), "leak", "2500"), dir);
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("done " + c.leaked);
        assertThat(run.findings()).as(run.output).hasSize(1);
        JsonObject f = run.findings().get(0);
        assertThat(f.get("type").getAsString()).isEqualTo("CONNECTION_LEAK");
        assertThat(f.get("destination").getAsString()).isEqualTo(destination());
        assertThat(f.get("site").getAsString()).startsWith(c.app + ".fetchAndForget(");
        JsonObject evidence = f.getAsJsonObject("evidence");
        assertThat(evidence.get("connectionsOutstanding").getAsLong()).as(run.output).isEqualTo(c.leaked);
        assertThat(evidence.get("acquisitionsFromSite").getAsLong()).isEqualTo(c.leaked);
        assertThat(Double.parseDouble(evidence.get("oldestHeldSeconds").getAsString())).isGreaterThan(1.0);
        assertThat(f.get("advice").getAsString()).contains("close");
        assertThat(run.output).contains("WARNING: PortGuard CONNECTION_LEAK");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void theSameAppClosingItsBodiesAndReadingSlowDownloadsIsQuiet(Client c, @TempDir Path dir) throws Exception {
        AtomicInteger downloadsFinished = new AtomicInteger();
        AgentRun run = AgentRun.run(c.jdk, AGENT, List.of("-cp", c.classPath),
                List.of(c.app, base(downloadsFinished), "close", "2000"), dir);
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("done 0");
        assertThat(downloadsFinished.get()).as("three whole slow downloads").isEqualTo(3);
        assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
        assertThat(run.destination(destination()).get("requests").getAsLong()).isEqualTo(53);
    }
}
