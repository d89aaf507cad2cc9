package dev.portguard.agent.internal;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AgentOptionsTest {
    @Test
    void agentArgumentWinsOverPropertiesWhichWinOverEnvironment() {
        Properties props = new Properties();
        props.setProperty("portguard.min.requests", "30");
        props.setProperty("portguard.mode", "strict");
        Map<String, String> env = Map.of("PORTGUARD_MIN_REQUESTS", "40", "PORTGUARD_NEW_CLIENT_THRESHOLD", "7");
        List<String> problems = new ArrayList<>();

        GuardConfig config = AgentOptions.resolve("mode=observe, report=/tmp/r.json", env, props, problems::add);

        assertThat(problems).isEmpty();
        assertThat(config.mode()).isEqualTo(GuardMode.OBSERVE);
        assertThat(config.minRequests()).isEqualTo(30);
        assertThat(config.newClientThreshold()).isEqualTo(7);
        assertThat(config.report()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("/tmp/r.json"));
    }

    @Test
    void eachBadOptionIsOneLineAndItsDefaultIsKept() {
        List<String> problems = new ArrayList<>();

        GuardConfig config = AgentOptions.resolve("mode=loud,min.requests=-3,oops", Map.of(), new Properties(),
                problems::add);

        assertThat(problems).hasSize(3);
        assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        assertThat(config.mode()).isEqualTo(GuardMode.OBSERVE);
        assertThat(config.minRequests()).isEqualTo(GuardConfig.defaults().minRequests());
    }

    @Test
    void aDoubledCommaIsACommaInsideAValue() {
        List<String> problems = new ArrayList<>();

        GuardConfig config = AgentOptions.resolve("report=/x/a,,b.json,mode=strict", Map.of(), new Properties(),
                problems::add);

        assertThat(problems).isEmpty();
        assertThat(config.report()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("/x/a,b.json"));
        assertThat(config.mode()).isEqualTo(GuardMode.STRICT);
        assertThat(AgentOptions.split("a=1,,,b=2")).containsExactly("a=1,", "b=2");
        assertThat(AgentOptions.split("report=C:\\dir\\r.json")).containsExactly("report=C:\\dir\\r.json");
    }

    @Test
    void aValueTooLargeToHoldIsOneLineNamingTheKeyAndTheDefault() {
        List<String> problems = new ArrayList<>();

        GuardConfig config = AgentOptions.resolve("new.client.window=3000000h,report.interval=PT9300000000000000S",
                Map.of("PORTGUARD_HEADROOM_INTERVAL", "3000000h"), new Properties(), problems::add);

        assertThat(problems).containsExactlyInAnyOrder(
                "PortGuard configuration portguard.headroom.interval='3000000h' is not valid: expected a duration"
                        + " above zero, from 100ms to 10m (500ms, 10s, 5m, 1h or PT10S); using the default 10000ms",
                "PortGuard configuration portguard.new.client.window='3000000h' is not valid: expected a duration"
                        + " above zero, from 1ms to 24h (500ms, 10s, 5m, 1h or PT10S); using the default 60000ms",
                "PortGuard configuration portguard.report.interval='PT9300000000000000S' is not valid: expected a"
                        + " duration above zero, from 1s to 24h (500ms, 10s, 5m, 1h or PT10S); using the default"
                        + " 60000ms");
        assertThat(config.asMap()).isEqualTo(GuardConfig.defaults().asMap());
    }

    @Test
    void aNewlineInAnOptionIsEscapedNotEchoed() {
        List<String> problems = new ArrayList<>();

        AgentOptions.resolve("mode=strict\n[portguard] forged,oops\n[portguard] forged too", Map.of(),
                new Properties(), problems::add);

        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).doesNotContain("\n").contains("\\n"));
    }
}
