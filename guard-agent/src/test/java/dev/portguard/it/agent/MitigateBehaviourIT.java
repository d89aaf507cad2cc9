package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What mitigate mode must not change, end to end under the agent: a mitigated client follows redirects and keeps
 * (or does not keep) cookies exactly as the code's own client does; and an Apache client whose builder chose its
 * own TLS, socket or connection settings is left as the code built it, with the reason in the report.
 */
class MitigateBehaviourIT {
    private static final int REQUESTS = 60;

    /**
     * The same per-request program, observed and mitigated (every client after the third shared), against a server
     * that redirects each login to a page that counts the cookies it is sent: the same answers, in the same order.
     */
    @ParameterizedTest(name = "{0} cookies {1}")
    @CsvSource({"okhttp, none", "okhttp, own", "okhttp, shared", "jdk, none", "jdk, shared"})
    void aMitigatedClientFollowsRedirectsAndKeepsCookiesAsTheCodesOwnClient(String client, String cookies,
            @TempDir Path dir) throws Exception {
        String app = client.equals("okhttp") ? "demoapp.RedirectsAndCookiesOkHttpApp"
                : "demoapp.RedirectsAndCookiesJdkApp";
        String classPath = client.equals("okhttp")
                ? AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib") : AgentRun.classPath();
        String site = app + ".newClient(";
        Redirected observed = redirected(app, classPath, cookies, "mode=observe", dir.resolve("observed"));
        Redirected mitigated = redirected(app, classPath, cookies, "mode=mitigate,mitigate=all",
                dir.resolve("mitigated"));

        assertThat(mitigated.responses).isEqualTo(observed.responses);
        String expected = switch (cookies) {
            case "none" -> "200 /home cookies=0=" + REQUESTS;
            case "own" -> "200 /home cookies=1=" + REQUESTS;
            default -> "200 /home cookies=" + REQUESTS + "=1"; // the last request is sent every cookie so far
        };
        assertThat(observed.responses).contains(expected);
        JsonObject s = MitigateIT.site(mitigated.run, site);
        assertThat(s.get("mitigated").getAsBoolean()).as(s.toString()).isTrue();
        assertThat(s.getAsJsonObject("mitigation").get("clientsShared").getAsLong())
                .isGreaterThanOrEqualTo(REQUESTS - 3);
        assertThat(observed.run.appOutput).doesNotContain("mitigat");
    }

    private record Redirected(AgentRun run, String responses) {
    }

    /** Runs {@code app} against a server: /login/N redirects to /home setting cookie uN; /home counts cookies. */
    private static Redirected redirected(String app, String classPath, String cookies, String options, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        AtomicInteger logins = new AtomicInteger();
        AtomicInteger homes = new AtomicInteger();
        server.createContext("/login/", exchange -> {
            String n = exchange.getRequestURI().getPath().substring("/login/".length());
            logins.incrementAndGet();
            exchange.getResponseHeaders().add("Set-Cookie", "u" + n + "=1; Path=/");
            exchange.getResponseHeaders().add("Location", "/home");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/home", exchange -> {
            homes.incrementAndGet();
            int count = 0;
            for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
                count += header.split(";").length;
            }
            byte[] body = ("cookies=" + count).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            AgentRun run = AgentRun.run(AgentRun.JDK17, options, List.of("-cp", classPath),
                    List.of(app, base, Integer.toString(REQUESTS), cookies), dir);
            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).contains("done");
            assertThat(logins.get()).isEqualTo(REQUESTS);
            assertThat(homes.get()).as("every redirect followed").isEqualTo(REQUESTS);
            return new Redirected(run, line(run, "responses (\\{.*})"));
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /**
     * Apache clients whose builder set TLS, socket or connection settings of their own (HttpClient 4.5 on its
     * builder; 5.x on a connection manager built with each client) keep them: every client opens its own
     * connection as the code wrote it, and the report names the site and why it was not mitigated.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "demoapp.OwnSettingsHc4App, tls, newClient, sets its own sslContext",
        "demoapp.OwnSettingsHc4App, socket, newClient, sets its own defaultSocketConfig",
        "demoapp.OwnSettingsHc5App, classic, newClassicClient, given a connection manager of their own",
        "demoapp.OwnSettingsHc5App, async, newAsyncClient, given a connection manager of their own"})
    void apacheClientsWithTheirOwnTlsSocketOrConnectionSettingsAreNotMitigatedAndTheReportSaysWhy(String app,
            String variant, String method, String reason, @TempDir Path dir) throws Exception {
        String classPath = app.endsWith("Hc4App")
                ? AgentRun.classPath("httpclient-4", "httpcore-4", "commons-logging", "commons-codec")
                : AgentRun.classPath("httpclient5-", "httpcore5-", "slf4j-api");
        String site = app + "." + method + "(";
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(AgentRun.JDK17, "mode=mitigate,mitigate=all", List.of("-cp", classPath),
                    List.of(app, server.url(), Integer.toString(REQUESTS), variant), dir);
            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(line(run, "responses (\\{.*})")).isEqualTo("{200 ok=" + REQUESTS + "}");
            // each client closed after its request, with its own connection, as the code wrote it
            assertThat(server.connections()).isEqualTo(REQUESTS);
            JsonObject s = MitigateIT.site(run, site);
            assertThat(s.get("mitigated").getAsBoolean()).as(s.toString()).isFalse();
            assertThat(s.get("notMitigatedBecause").getAsString()).contains(reason).contains("cannot share");
            assertThat(run.appOutput).containsOnlyOnce("PortGuard not mitigating clients built at " + site)
                    .doesNotContain("PortGuard mitigating");
        }
    }

    private static String line(AgentRun run, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(run.appOutput);
        assertThat(m.find()).as(run.output).isTrue();
        return m.group(1);
    }
}
