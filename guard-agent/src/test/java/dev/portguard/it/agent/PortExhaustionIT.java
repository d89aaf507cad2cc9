package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.testing.netns.NetworkNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real port exhaustion seen by the agent for a client it does not instrument: plain sockets, in a network
 * namespace this test creates with 10 local ports (40000-40009) and tcp_tw_reuse=0. The app's 11th connect fails;
 * the exception it catches keeps its type and carries the guard's diagnosis, and the report has PORT_EXHAUSTED.
 * Needs root and iproute2; elsewhere it is skipped and says why, unless NETNS_TESTS_REQUIRED=1 (CI).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PortExhaustionIT {
    private static final int PORT = 8080;
    private static final String DESTINATION = "127.0.0.1:" + PORT;

    @Test
    void rawSocketConnectWithoutAPortCarriesTheDiagnosis(@TempDir Path dir) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.createOrSkip("net.ipv4.ip_local_port_range=40000 40009",
                "net.ipv4.tcp_tw_reuse=0")) {
            AgentRun run = AgentRun.run(ns.inside(List.of()), AgentRun.JDK17, "",
                    List.of("-cp", AgentRun.classPath()), List.of("demoapp.RawSocketApp", "" + PORT, "40"), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.appOutput).as(run.output).contains("attempt=11\n", "exception=java.net.BindException\n",
                    "message=Cannot assign requested address", "done");
            List<String> suppressed = run.appOutput.lines().filter(l -> l.startsWith("suppressed=")).toList();
            assertThat(suppressed).as(run.output).hasSize(1);
            assertThat(suppressed.get(0)).contains("PortExhaustedDiagnosis: PortGuard: local ports toward "
                    + DESTINATION + " are exhausted");
            List<JsonObject> exhausted = run.findings().stream()
                    .filter(f -> f.get("type").getAsString().equals("PORT_EXHAUSTED")).toList();
            assertThat(exhausted).as(run.output).hasSize(1);
            assertThat(exhausted.get(0).get("destination").getAsString()).isEqualTo(DESTINATION);
        }
    }
}
