package dev.portguard.samples;

import dev.portguard.testing.netns.NetworkNamespace;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident replay (what samples/incident.sh runs) in a namespace of its own with 100 ports: warned before the
 * failure, diagnosed at the failure, the other destination unaffected.
 */
class IncidentTest {

    @Test
    void theIncidentIsWarnedAboutThenDiagnosed() throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.createOrSkip("net.ipv4.ip_local_port_range=40000 40099",
                "net.ipv4.tcp_tw_reuse=0")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(ns.inside(List.of(java, "-Dportguard.log.level=off", "-cp",
                    System.getProperty("java.class.path"), Demo.class.getName(), "incident")))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out)
                    .contains("PortGuard warns, before anything has failed")
                    .contains("FINDING PORT_HEADROOM_LOW toward 127.0.0.1:")
                    .contains("java.net.BindException: Cannot assign requested address")
                    .contains("PortGuard: local ports toward 127.0.0.1:")
                    .contains("Top site: dev.portguard.samples.Incident.run(Incident.java:")
                    .contains("still works: exhaustion is per destination")
                    .contains("FINDING NEW_CLIENT_PER_REQUEST");
            assertThat(out.indexOf("PORT_HEADROOM_LOW")).isLessThan(out.indexOf("Cannot assign requested address"));
        }
    }
}
