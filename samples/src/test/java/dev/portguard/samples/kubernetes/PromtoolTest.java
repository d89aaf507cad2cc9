package dev.portguard.samples.kubernetes;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules checked and unit-tested by Prometheus' own promtool: series that must fire and series that must
 * not (tests/portguard-alerts.test.yml), and the dashboard's and the document's PromQL parsed by it. Skipped when
 * promtool is not installed (Debian: {@code apt-get install prometheus}); CI sets {@code PROMTOOL_REQUIRED=1}, which
 * turns its absence into a failure.
 */
class PromtoolTest {
    private static String promtool;

    @BeforeAll
    static void findPromtool() {
        String explicit = System.getenv("PROMTOOL");
        promtool = explicit != null && !explicit.isBlank() ? explicit : onPath("promtool");
        if (promtool == null) {
            String why = "promtool is not on the PATH (Debian: apt-get install prometheus; or set PROMTOOL)";
            if ("1".equals(System.getenv("PROMTOOL_REQUIRED"))) {
                fail("PROMTOOL_REQUIRED=1 but " + why);
            }
            assumeTrue(false, why + ": the alert rules were not checked by promtool");
        }
    }

    @Test
    void theRulesPassPromtoolsCheck() throws Exception {
        Result check = run(SamplesPaths.kubernetes(), "check", "rules", "portguard-alerts.rules.yml");
        assertThat(check.exit).as(check.output).isZero();
        assertThat(check.output).contains("SUCCESS: 8 rules found");
    }

    @Test
    void theRulesFireForTheBadSeriesAndStayQuietForTheHealthyOnes() throws Exception {
        Result test = run(SamplesPaths.kubernetes(), "test", "rules", "tests/portguard-alerts.test.yml");
        assertThat(test.exit).as(test.output).isZero();
        assertThat(test.output).contains("SUCCESS");
    }

    /** The healthy cases bite: loosened rules make the same unit tests fail. */
    @Test
    void looserRulesFailTheUnitTests(@TempDir Path dir) throws Exception {
        String rules = Files.readString(SamplesPaths.kubernetes().resolve("portguard-alerts.rules.yml"));
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(SamplesPaths.kubernetes().resolve("tests/portguard-alerts.test.yml"),
                dir.resolve("tests/portguard-alerts.test.yml"));
        // A shared client (1 new connection per 120 requests) would fire; so would a pool just under the ratio.
        assertLooserRuleFails(dir, rules, ") > 0.5\n", ") > 0.001\n", "orders-shared");
        // The request-rate floor keeps the low-traffic pod quiet.
        assertLooserRuleFails(dir, rules, "rate(portguard_requests_total[10m]) > 1\n",
                "rate(portguard_requests_total[10m]) > 0\n", "nightly-sync");
        // A lone connect timeout is not the SNAT symptom.
        assertLooserRuleFails(dir, rules, "increase(portguard_connect_timeouts_with_headroom_total[10m]) >= 3",
                "increase(portguard_connect_timeouts_with_headroom_total[10m]) >= 1", "orders-5");
        // A pod with a few ports of a small range, or many of the full range, is no SNAT hog.
        assertLooserRuleFails(dir, rules, "portguard_node_snat_ports_range\n          > 0.5\n",
                "portguard_node_snat_ports_range\n          > 0.01\n", "10.244.2.2");
    }

    @Test
    void theDashboardAndTheDocumentsQueriesParse(@TempDir Path dir) throws Exception {
        List<String> exprs = new ArrayList<>();
        Map<String, Object> dashboard = Manifests.one("grafana-dashboard.json");
        Manifests.collect(dashboard, "expr", exprs);
        exprs.addAll(MetricsDoc.read().promql);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String expr : exprs) {
            // Grafana's variables, as Grafana would substitute them.
            String promql = expr.replace("$__rate_interval", "2m").replace("$__range", "3h")
                    .replace("$namespace", ".*").replace("$pod", ".*");
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", "portguard:query:" + rules.size());
            rule.put("expr", promql);
            rules.add(rule);
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", "queries");
        group.put("rules", rules);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(dir.resolve("queries.yml"), new Yaml(options).dump(Map.of("groups", List.of(group))));

        Result check = run(dir, "check", "rules", "queries.yml");
        assertThat(check.exit).as(check.output).isZero();
        assertThat(check.output).contains("SUCCESS: " + rules.size() + " rules found");
    }

    private static void assertLooserRuleFails(Path dir, String rules, String from, String to, String nowFiring)
            throws Exception {
        assertThat(rules).contains(from);
        Files.writeString(dir.resolve("portguard-alerts.rules.yml"), rules.replace(from, to));
        Result test = run(dir, "test", "rules", "tests/portguard-alerts.test.yml");
        assertThat(test.exit).as(test.output).isNotZero();
        assertThat(test.output).contains("FAILED").contains(nowFiring);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(promtool);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
