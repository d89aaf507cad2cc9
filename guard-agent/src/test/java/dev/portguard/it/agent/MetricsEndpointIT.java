package dev.portguard.it.agent;

import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's metrics: its own Prometheus endpoint, and a Spring Boot application's registry. */
@Isolated("several JVMs (and a Prometheus server) at once: run alone on a shared machine")
class MetricsEndpointIT {
    static final String OKHTTP5 = AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib");

    @TempDir
    Path dir;

    @Test
    void theAgentServesTheDocumentedSeriesWithThePodsIdentity() throws Exception {
        int metricsPort = GuardedJvm.freePort();
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             GuardedJvm app = GuardedJvm.start("metrics.port=" + metricsPort + ",metrics.host=127.0.0.1,headroom.interval=1s",
                     List.of("-cp", OKHTTP5, "demoapp.SteadyTrafficApp", server.url(), "per-request"),
                     Map.of("NODE_NAME", "node-a", "POD_NAME", "web-1", "POD_NAMESPACE", "shop", "POD_IP", "10.1.2.3"),
                     dir)) {
            String url = "http://127.0.0.1:" + metricsPort + "/metrics";
            String body = app.awaitBody(url, b -> b.contains("portguard_finding_info{")
                    && b.contains("portguard_ports_headroom{"), 120);
            for (int i = 0; i < 5; i++) {
                body = app.awaitBody(url, b -> true, 10); // scrapes of our own: never the application's traffic
            }
            String identity = "k8s_node_name=\"node-a\",k8s_pod_name=\"web-1\",k8s_namespace_name=\"shop\","
                    + "k8s_pod_ip=\"10.1.2.3\"";
            String server_ = "server_address=\"127.0.0.1\",server_port=\"" + server.port() + "\"";
            assertThat(body).contains("# TYPE portguard_requests_total counter",
                    "portguard_requests_total{" + server_ + ",destination=\"127.0.0.1:" + server.port() + "\","
                            + identity + "} ",
                    "portguard_site_clients_total{portguard_site=\"demoapp.SteadyTrafficApp.main(SteadyTrafficApp.java:",
                    "portguard_findings_total{portguard_finding_type=\"NEW_CLIENT_PER_REQUEST\",type=\"NEW_CLIENT_PER_REQUEST\","
                            + identity + "} 1",
                    "portguard_ports_range{" + identity + "} ",
                    "portguard_ports_hold_seconds{" + server_,
                    "http_client_open_connections{http_connection_state=\"idle\"," + server_);
            assertThat(body).doesNotContain("server_port=\"" + metricsPort + "\"");
            assertThat(body.lines().filter(l -> l.startsWith("portguard_requests_total{"))).hasSize(1);
            // every sample carries the identity
            assertThat(body.lines().filter(l -> !l.startsWith("#"))).allSatisfy(l -> assertThat(l).contains(identity));
        }
    }

    @Test
    void aPortInUseIsOneLineAndTheApplicationRunsOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LoopbackHttpServer server = new LoopbackHttpServer();
             GuardedJvm app = GuardedJvm.start("metrics.port=" + taken.getLocalPort() + ",metrics.host=127.0.0.1",
                     List.of("-cp", OKHTTP5, "demoapp.SteadyTrafficApp", server.url(), "shared"), Map.of(), dir)) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (server.requests() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.requests()).as(app.output()).isGreaterThanOrEqualTo(20);
            assertThat(app.alive()).isTrue();
            assertThat(app.output().lines().filter(l -> l.contains("metrics endpoint not started")))
                    .as(app.output()).hasSize(1);
        }
    }

    @Test
    void aBadMetricsPortIsOneLineAndNothingListens() throws Exception {
        AgentRun run = AgentRun.run(AgentRun.JDK17, "metrics.port=70000",
                List.of("-cp", OKHTTP5), List.of("demoapp.OkHttpApp", "http://127.0.0.1:9/", "0", "shared"), dir);
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.appOutput.lines().filter(l -> l.contains("metrics.port"))).as(run.output).hasSize(1);
        assertThat(run.appOutput).doesNotContain("metrics endpoint");
    }

    @Test
    void aSpringBootApplicationShowsTheMetersOnItsActuator() throws Exception {
        String bootJar = AgentRun.classPath("guard-agent-bootapp").split(File.pathSeparator)[1];
        int port = GuardedJvm.freePort();
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             GuardedJvm app = GuardedJvm.start("", List.of("-jar", bootJar, "serve", server.url(),
                     Integer.toString(port)), Map.of(), dir)) {
            String body = app.awaitBody("http://127.0.0.1:" + port + "/actuator/prometheus",
                    // the count reads the guard live; the info gauge is registered on the metrics thread's next pass
                    b -> b.contains("portguard_findings_total{portguard_finding_type=\"NEW_CLIENT_PER_REQUEST\""
                            + ",type=\"NEW_CLIENT_PER_REQUEST\"} 1") && b.contains("portguard_finding_info{"), 180);
            assertThat(body).contains(
                    "portguard_requests_total{destination=\"127.0.0.1:" + server.port() + "\",server_address=\"127.0.0.1\"",
                    "portguard_site_clients_total{portguard_client_kind=\"okhttp\",portguard_site=\"bootapp.BootApp.fetch(BootApp.java:",
                    "portguard_finding_info{");
            // the actuator's own server sockets are not the application's client traffic
            assertThat(body).doesNotContain("server_port=\"" + port + "\"");
            assertThat(app.output()).doesNotContain("cannot be bound");
        }
    }
}
