package dev.portguard.core.node;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code node --serve}: a real HTTP scrape of the node's metrics over loopback, from the lab node's fixture table,
 * twice (each scrape reads the node again), and the server stops when its thread is interrupted.
 */
class NodeServeTest {
    @Test
    void a_scrape_gets_the_nodes_metrics_in_the_prometheus_text_format() throws Exception {
        String proc = Path.of(NodeServeTest.class.getResource("/node-proc").toURI()).toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger status = new AtomicInteger(-1);
        Thread serving = new Thread(() -> status.set(NodeMode.run(new String[] {"--proc", proc, "--snat-range",
                "40001-40006", "--serve", "0", "--bind", "127.0.0.1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))),
                "node-serve");
        serving.start();
        String url = awaitUrl(out);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int scrape = 0; scrape < 2; scrape++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
            assertThat(r.body())
                    .contains("# TYPE portguard_node_conntrack_entries gauge")
                    .contains("# TYPE portguard_node_conntrack_insert_failed_total counter")
                    .containsPattern("portguard_node_conntrack_insert_failed_total(\\{[^}]*\\})? 42(\\.0)?\\n")
                    .containsPattern("portguard_node_snat_ports_range(\\{[^}]*\\})? 6(\\.0)?\\n");
        }
        serving.interrupt();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(status.get()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static String awaitUrl(ByteArrayOutputStream out) throws InterruptedException {
        Pattern serving = Pattern.compile("serving (http://\\S+/metrics)");
        for (int i = 0; i < 200; i++) {
            Matcher m = serving.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("node --serve never said where it listens: " + out);
    }
}
