package dev.portguard.it.agent;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real Prometheus server scrapes two guarded JVMs through the agent's endpoint: one builds a client per request,
 * one shares a client. The alert rules' per-request expression must be true for the first only, and the headroom
 * series must be there. Needs /usr/bin/prometheus (Debian's package); required when PROMTOOL_REQUIRED=1.
 */
@Isolated("several JVMs (and a Prometheus server) at once: run alone on a shared machine")
class PrometheusEndToEndIT {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path RULES = Path.of("..", "samples", "kubernetes", "portguard-alerts.rules.yml");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void theAlertExpressionFiresForTheClientPerRequestOnly() throws Exception {
        if (!Files.isExecutable(PROMETHEUS)) {
            if ("1".equals(System.getenv("PROMTOOL_REQUIRED"))) {
                fail(PROMETHEUS + " is required (PROMTOOL_REQUIRED=1): apt-get install prometheus");
            }
            Assumptions.abort(PROMETHEUS + " is not installed (Debian package prometheus); skipping");
        }
        String expr = perRequestAlertExpression();
        int badPort = GuardedJvm.freePort();
        int goodPort = GuardedJvm.freePort();
        int promPort = GuardedJvm.freePort();
        String options = "metrics.host=127.0.0.1,headroom.interval=1s,metrics.port=";
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             GuardedJvm bad = GuardedJvm.start(options + badPort, List.of("-cp", MetricsEndpointIT.OKHTTP5,
                     "demoapp.SteadyTrafficApp", server.url(), "per-request"), Map.of("POD_NAME", "bad-1"), dir);
             GuardedJvm good = GuardedJvm.start(options + goodPort, List.of("-cp", MetricsEndpointIT.OKHTTP5,
                     "demoapp.SteadyTrafficApp", server.url(), "shared"), Map.of("POD_NAME", "good-1"), dir)) {
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: bad
                        static_configs: [{targets: ['127.0.0.1:%d']}]
                      - job_name: good
                        static_configs: [{targets: ['127.0.0.1:%d']}]
                    """.formatted(badPort, goodPort));
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                String api = "http://127.0.0.1:" + promPort + "/api/v1/query?query=";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                Set<String> firing = Set.of();
                Set<String> headroom = Set.of();
                while (System.nanoTime() < deadline) {
                    firing = jobs(query(api, expr));
                    headroom = jobs(query(api, "portguard_ports_headroom"));
                    if (firing.contains("bad") && headroom.containsAll(Set.of("bad", "good"))) {
                        break;
                    }
                    Thread.sleep(1000);
                }
                Thread.sleep(3000); // a few more scrapes: the good one must still not appear
                firing = jobs(query(api, expr));
                assertThat(firing).as("jobs the alert expression is true for; prometheus log:\n%s\nbad:\n%s",
                        Files.readString(dir.resolve("prometheus.log")), bad.output()).containsExactly("bad");
                assertThat(jobs(query(api, "portguard_ports_headroom"))).containsExactlyInAnyOrder("bad", "good");
                assertThat(jobs(query(api, "rate(portguard_requests_total[1m]) > 1")))
                        .containsExactlyInAnyOrder("bad", "good");
                assertThat(jobs(query(api, "portguard_finding_info{portguard_finding_type=\"NEW_CLIENT_PER_REQUEST\"}")))
                        .containsExactly("bad");
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** The expression of PortGuardNewConnectionPerRequest, exactly as the rules file has it. */
    private static String perRequestAlertExpression() throws Exception {
        String rules = Files.readString(RULES);
        Matcher m = Pattern.compile("- alert: PortGuardNewConnectionPerRequest\\n(?:\\s+#.*\\n)*\\s+expr: \\|\\n"
                + "((?:\\s{10,}.*\\n)+)").matcher(rules);
        if (!m.find()) {
            fail("no PortGuardNewConnectionPerRequest expr in " + RULES);
        }
        return m.group(1).strip();
    }

    /** The query's result; empty while Prometheus is still starting. */
    private static JsonArray query(String api, String expr) throws Exception {
        HttpResponse<String> r;
        try {
            r = HTTP.send(HttpRequest.newBuilder(URI.create(api + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return new JsonArray();
        }
        if (r.statusCode() != 200) {
            return new JsonArray();
        }
        JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
        return json.getAsJsonObject("data").getAsJsonArray("result");
    }

    private static Set<String> jobs(JsonArray result) {
        Set<String> jobs = new TreeSet<>();
        for (JsonElement e : result) {
            jobs.add(e.getAsJsonObject().getAsJsonObject("metric").get("job").getAsString());
        }
        return jobs;
    }
}
