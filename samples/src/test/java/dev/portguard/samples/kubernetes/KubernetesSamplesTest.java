package dev.portguard.samples.kubernetes;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.portguard.samples.kubernetes.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes samples hold together: every file parses, the two rule files are the same rules, the Deployment
 * attaches the agent and gives it the identity docs/metrics.md names, the PodMonitor scrapes the port the
 * Deployment opens, and every series and label the rules, the dashboard and the document's PromQL use is one the
 * document lists.
 */
class KubernetesSamplesTest {
    /** Labels of other exporters and of Prometheus' own target labels that the queries may use. */
    private static final Set<String> OTHER_LABELS = Set.of("instance", "job", "node", "namespace", "pod", "pod_ip",
            "created_by_kind", "created_by_name", "host_network");

    private final MetricsDoc doc = MetricsDoc.read();

    @Test
    void everyManifestParses() {
        List<Path> files = Manifests.yamlFiles();
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("deployment.yaml", "podmonitor.yaml",
                "prometheus-rule.yaml", "portguard-alerts.rules.yml", "destination-rule.yaml", "node-daemonset.yaml",
                "portguard-alerts.test.yml");
        for (Path file : files) {
            List<Object> docs = Manifests.load(file);
            assertThat(docs).as("%s", file).isNotEmpty().allSatisfy(d -> assertThat(d).isInstanceOf(Map.class));
        }
        assertThat(Manifests.one("grafana-dashboard.json")).containsKeys("title", "panels", "templating");
    }

    @Test
    void thePlainRulesFileHoldsThePrometheusRulesGroups() {
        Map<String, Object> crd = Manifests.one("prometheus-rule.yaml");
        assertThat(crd).containsEntry("apiVersion", "monitoring.coreos.com/v1").containsEntry("kind", "PrometheusRule");
        Object groups = at(crd, "spec", "groups");
        assertThat(groups).isEqualTo(at(Manifests.one("portguard-alerts.rules.yml"), "groups"));
        List<String> alerts = new ArrayList<>();
        Manifests.collect(groups, "alert", alerts);
        assertThat(alerts).containsExactlyInAnyOrder("PortGuardNewConnectionPerRequest", "PortGuardPortHeadroomLow",
                "PortGuardPortHeadroomCritical", "PortGuardPortExhaustionForecast",
                "PortGuardConnectTimeoutsWithHeadroom", "PortGuardNodePortDemandHigh", "PortGuardNodeSnatExhausted",
                "PortGuardPodSnatShareHigh");
        for (String alert : alerts) {
            assertThat(Manifests.yamlFiles().stream().filter(p -> p.toString().endsWith(".test.yml"))
                    .map(Manifests::load).toList().toString())
                    .as("a promtool case for %s", alert).contains("alertname=" + alert);
        }
    }

    @Test
    void theRulesQueryOnlyDocumentedSeriesAndLabels() {
        List<String> exprs = new ArrayList<>();
        Manifests.collect(Manifests.one("portguard-alerts.rules.yml"), "expr", exprs);
        Set<String> used = checkDocumented("the alert rules", exprs);
        assertThat(used).contains("portguard_requests_total", "portguard_connections_opened_total",
                "portguard_ports_headroom", "portguard_ports_usable", "portguard_ports_hold_seconds",
                "portguard_ports_range", "portguard_ports_exhaustion_forecast_seconds",
                "portguard_connect_timeouts_with_headroom_total", "node_nf_conntrack_stat_insert_failed",
                "portguard_node_snat_ports_held", "portguard_node_snat_ports_range");
    }

    @Test
    void theDashboardQueriesOnlyDocumentedSeriesAndLabels() {
        Map<String, Object> dashboard = Manifests.one("grafana-dashboard.json");
        List<String> exprs = new ArrayList<>();
        Manifests.collect(dashboard, "expr", exprs);
        Manifests.collect(at(dashboard, "templating"), "definition", exprs);
        Set<String> used = checkDocumented("the dashboard", exprs);
        assertThat(used).contains("portguard_site_connections_opened_total", "portguard_site_requests_total",
                "portguard_ports_headroom", "portguard_finding_info", "portguard_findings_total");
        List<String> titles = new ArrayList<>();
        Manifests.collect(dashboard, "title", titles);
        assertThat(titles).contains("New connections per request, by pod and site", "Port headroom per destination",
                "Standing findings");
    }

    @Test
    void theDocumentsOwnPromQlUsesOnlyItsSeriesAndLabels() {
        assertThat(doc.promql).hasSizeGreaterThanOrEqualTo(4);
        assertThat(String.join("\n", doc.promql))
                .contains("sum by (k8s_node_name, k8s_pod_name) (rate(portguard_connections_opened_total[5m]))")
                .contains("kube_pod_info");
        checkDocumented("docs/metrics.md's PromQL", doc.promql);
    }

    @Test
    void theNodeDaemonSetRunsNodeModeOnTheHostNetworkWithNoCapabilityAndLimits() {
        List<Object> docs = Manifests.load(SamplesPaths.kubernetes().resolve("node-daemonset.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> daemonSet = (Map<String, Object>) docs.get(0);
        assertThat(daemonSet).containsEntry("kind", "DaemonSet");
        Map<String, Object> pod = at(daemonSet, "spec", "template", "spec");
        assertThat(pod).containsEntry("hostNetwork", true).containsEntry("automountServiceAccountToken", false);
        Map<String, Object> node = at(pod, "containers", 0);
        List<String> command = at(node, "command");
        assertThat(String.join(" ", command)).contains("guard-agent.jar node --serve 9465");
        assertThat(Manifests.<List<String>>at(node, "securityContext", "capabilities", "drop")).containsExactly("ALL");
        assertThat(Manifests.<Map<String, Object>>at(node, "securityContext", "capabilities"))
                .doesNotContainKey("add");
        assertThat(Manifests.<Map<String, Object>>at(node, "securityContext"))
                .containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
        assertThat(Manifests.<Map<String, Object>>at(node, "resources", "limits")).containsKeys("cpu", "memory");
        assertThat(Manifests.<List<Map<String, Object>>>at(node, "env").toString()).contains("NODE_NAME")
                .contains("spec.nodeName");
        assertThat(Manifests.<List<Map<String, Object>>>at(node, "volumeMounts").toString())
                .as("no hostPath: hostNetwork already shows the node's /proc/net").doesNotContain("/proc");
        assertThat(Manifests.<List<Map<String, Object>>>at(pod, "volumes").toString()).doesNotContain("hostPath");
    }

    @Test
    void theDeploymentAttachesTheAgentAndPassesTheIdentity() {
        Map<String, Object> deployment = Manifests.one("deployment.yaml");
        Map<String, Object> pod = at(deployment, "spec", "template", "spec");
        Map<String, Object> init = at(pod, "initContainers", 0);
        Map<String, Object> app = at(pod, "containers", 0);
        String volume = at(pod, "volumes", 0, "name");
        assertThat(Manifests.<Map<String, Object>>at(pod, "volumes", 0)).containsKey("emptyDir");
        String initMount = mountOf(init, volume);
        String appMount = mountOf(app, volume);
        List<String> copy = at(init, "command");
        assertThat(copy.get(copy.size() - 1)).startsWith(initMount + "/").endsWith(".jar");
        String jarInApp = appMount + copy.get(copy.size() - 1).substring(initMount.length());

        Map<String, Object> env = new HashMap<>();
        for (Map<String, Object> e : Manifests.<List<Map<String, Object>>>at(app, "env")) {
            env.put((String) e.get("name"), e.containsKey("value") ? e.get("value") : e.get("valueFrom"));
        }
        assertThat((String) env.get("JAVA_TOOL_OPTIONS")).contains("-javaagent:" + jarInApp);
        for (MetricsDoc.Identity identity : doc.identity) {
            assertThat(env).as("downward API env %s", identity.env()).containsKey(identity.env());
            assertThat((String) at(env.get(identity.env()), "fieldRef", "fieldPath")).isEqualTo(identity.fieldPath());
        }

        // The PodMonitor scrapes the port the Deployment opens, in its namespace, on pods it labels.
        Map<String, Object> monitor = Manifests.one("podmonitor.yaml");
        assertThat(monitor).containsEntry("kind", "PodMonitor");
        String port = at(monitor, "spec", "podMetricsEndpoints", 0, "port");
        Map<String, Object> metricsPort = null;
        for (Map<String, Object> p : Manifests.<List<Map<String, Object>>>at(app, "ports")) {
            if (port.equals(p.get("name"))) {
                metricsPort = p;
            }
        }
        assertThat(metricsPort).as("container port %s", port).isNotNull();
        String number = String.valueOf(metricsPort.get("containerPort"));
        assertThat(env).containsEntry("PORTGUARD_METRICS_PORT", number);
        assertThat(Manifests.<Map<String, Object>>at(deployment, "spec", "template", "metadata", "annotations"))
                .containsEntry("prometheus.io/port", number)
                .containsEntry("prometheus.io/path", at(monitor, "spec", "podMetricsEndpoints", 0, "path"));
        assertThat((String) at(monitor, "metadata", "namespace"))
                .isEqualTo(at(deployment, "metadata", "namespace"));
        assertThat(Manifests.<Map<String, Object>>at(deployment, "spec", "template", "metadata", "labels"))
                .containsAllEntriesOf(at(monitor, "spec", "selector", "matchLabels"));
    }

    @Test
    void theDestinationRulePoolsConnectionsAndKeepsThemAlive() {
        Map<String, Object> rule = Manifests.one("destination-rule.yaml");
        assertThat(rule).containsEntry("kind", "DestinationRule");
        Map<String, Object> pool = at(rule, "spec", "trafficPolicy", "connectionPool");
        assertThat((Integer) at(pool, "tcp", "maxConnections")).isPositive();
        // 1 request per connection would switch keep-alive off on the sidecar's side.
        assertThat((Integer) at(pool, "http", "maxRequestsPerConnection")).isNotEqualTo(1);
    }

    /** Asserts every series and label in {@code exprs} is documented; returns the series used. */
    private Set<String> checkDocumented(String where, List<String> exprs) {
        assertThat(exprs).as("queries in %s", where).isNotEmpty();
        Set<String> documented = doc.allSeries();
        Set<String> labels = new LinkedHashSet<>(OTHER_LABELS);
        doc.labelsBySeries().values().forEach(labels::addAll);
        Set<String> used = new LinkedHashSet<>();
        for (String expr : exprs) {
            Set<String> series = PromQl.series(expr);
            assertThat(series).as("series in %s: %s", where, expr).isSubsetOf(documented);
            assertThat(PromQl.labels(expr)).as("labels in %s: %s", where, expr).isSubsetOf(labels);
            used.addAll(series);
        }
        return used;
    }

    private static String mountOf(Map<String, Object> container, String volume) {
        for (Map<String, Object> m : Manifests.<List<Map<String, Object>>>at(container, "volumeMounts")) {
            if (volume.equals(m.get("name"))) {
                return (String) m.get("mountPath");
            }
        }
        throw new AssertionError("no mount of " + volume + " in " + container.get("name"));
    }
}
