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
}
