package dev.portguard.core.node;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.core.doctor.Doctor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node mode against a fixture /proc (node-proc: the lab node's table, insert_failed 42 since boot). With
 * {@code --proc} no tool runs, so the range comes from {@code --snat-range} or is the kernel's default.
 */
class NodeModeTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return NodeMode.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String proc(String name) throws Exception {
        return Path.of(NodeModeTest.class.getResource("/" + name).toURI()).toString();
    }

    @Test
    void a_small_range_nearly_full_is_critical_and_names_the_pod_holding_it() throws Exception {
        int status = run("node", "--proc", proc("node-proc"), "--snat-range", "40001-40006");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isEqualTo(Doctor.CRITICAL);
        assertThat(text).contains("snat range  40001-40006 (6 ports), given with --snat-range")
                .contains("insert_failed 42").contains("early_drop 2").contains("malformed lines 6")
                .contains("192.0.2.1 -> 192.0.2.10:8080").contains("6 of 6 (100%)")
                .contains("10.244.0.2                               holds     4")
                .contains("verdict: CRITICAL").contains("Find the code in the pod with IP 10.244.0.2");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void without_a_rule_it_assumes_the_kernels_range_says_so_and_warns_only_for_insert_failed_since_boot()
            throws Exception {
        int status = run("--proc", proc("node-proc"), "--json");
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(status).isEqualTo(Doctor.WARNING);
        assertThat(json.get("schema").getAsString()).isEqualTo("portguard-node/1");
        assertThat(json.getAsJsonObject("snatRange").get("size").getAsInt()).isEqualTo(64512);
        assertThat(json.getAsJsonObject("snatRange").get("source").getAsString()).contains("kernel's default");
        assertThat(json.getAsJsonObject("conntrack").get("insertFailed").getAsLong()).isEqualTo(42);
        assertThat(json.getAsJsonObject("conntrack").get("insertFailedRise").getAsLong()).isZero();
        assertThat(json.getAsJsonObject("conntrack").get("timeWaitHoldSeconds").getAsLong()).isEqualTo(120);
        assertThat(json.get("reasons").toString()).contains("insert_failed 42 since boot, not rising now");
        assertThat(json.get("ipv6Entries").getAsLong()).isEqualTo(1);
        assertThat(json.get("malformedLines").getAsLong()).isEqualTo(6);
        assertThat(json.getAsJsonObject("states").get("TIME_WAIT").getAsLong()).isEqualTo(3);
    }

    @Test
    void no_conntrack_is_an_unknown_line_and_a_warning_never_a_stack_trace() throws Exception {
        int status = run("--proc", proc("node-proc-empty"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(Doctor.WARNING);
        assertThat(text).contains("unknown: ").contains("nf_conntrack absent").doesNotContain("Exception");
    }

    @Test
    void bad_arguments_are_usage_errors() {
        assertThat(run("--top", "x")).isEqualTo(Doctor.USAGE);
        assertThat(run("--snat-range", "9-1")).isEqualTo(Doctor.USAGE);
        assertThat(run("--bogus")).isEqualTo(Doctor.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }

    @Test
    void the_served_series_are_the_documented_ones() throws Exception {
        java.util.Set<String> documented = new java.util.TreeSet<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `(portguard\\.node\\.[a-z._]+)` \\|.*\\| `([a-z_]+)` \\|$")
                .matcher(java.nio.file.Files.readString(Path.of("..", "docs", "metrics.md")));
        while (row.find()) {
            documented.add(row.group(2));
        }
        NodeReading r = new NodeProbe(Path.of(proc("node-proc")), false, null, 0).read();
        java.util.Set<String> rendered = new java.util.TreeSet<>();
        java.util.regex.Matcher sample = java.util.regex.Pattern.compile("(?m)^([a-z_]+)[{ ]")
                .matcher(NodeMetrics.render(r, 10, "node-1"));
        while (sample.find()) {
            rendered.add(sample.group(1));
        }
        assertThat(rendered).isEqualTo(documented).hasSize(11);
    }

    @Test
    void prometheus_text_labels_pods_by_ip_and_skips_what_it_could_not_read() throws Exception {
        NodeReading r = new NodeProbe(Path.of(proc("node-proc")), false, new int[] {40001, 40050}, 0).read();
        String text = NodeMetrics.render(r, 10, "node-1");
        assertThat(text).contains("# TYPE portguard_node_conntrack_insert_failed_total counter\n"
                        + "portguard_node_conntrack_insert_failed_total{k8s_node_name=\"node-1\"} 42\n")
                .contains("portguard_node_snat_ports_range{k8s_node_name=\"node-1\"} 50\n")
                .contains("portguard_node_snat_ports_in_use{k8s_node_name=\"node-1\",portguard_snat_address="
                        + "\"192.0.2.1\",server_address=\"192.0.2.10\",server_port=\"8080\"} 6\n")
                .contains("portguard_node_snat_ports_held{k8s_node_name=\"node-1\",portguard_snat_address="
                        + "\"192.0.2.1\",server_address=\"192.0.2.10\",server_port=\"8080\",k8s_pod_ip=\"10.244.0.2\"} 4\n")
                .contains("portguard_node_conntrack_time_wait_hold_seconds{k8s_node_name=\"node-1\"} 120\n");
        NodeReading empty = new NodeProbe(Path.of(proc("node-proc-empty")), false, null, 0).read();
        assertThat(NodeMetrics.render(empty, 10, null)).doesNotContain("portguard_node_conntrack_entries")
                .doesNotContain("insert_failed").contains("portguard_node_snat_ports_range 64512\n");
    }
}
