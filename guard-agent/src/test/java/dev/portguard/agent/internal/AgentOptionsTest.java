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
    void foreignPropertiesUnderThePrefixAreQuietAndTyposNameTheKeyMeant() {
        Properties props = new Properties();
        props.setProperty("portguard.version", "0.1.0");
        props.setProperty("portguard.test.agentJar", "/x/guard-agent.jar");
        props.setProperty("portguard.min.request", "5");
        Map<String, String> env = Map.of("PORTGUARD_HOME", "/opt/pg", "PORTGUARD_NEW_CLIENT_TRESHOLD", "3");
        List<String> problems = new ArrayList<>();

        GuardConfig config = AgentOptions.resolve("colour=blue", env, props, problems::add);

        assertThat(problems).hasSize(3);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("portguard.min.request,")
                .contains("did you mean portguard.min.requests"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("did you mean portguard.new.client.threshold"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("portguard.colour"));
        assertThat(String.join("\n", problems)).doesNotContain("version").doesNotContain("agentJar")
                .doesNotContain("home");
        assertThat(config.minRequests()).isEqualTo(GuardConfig.defaults().minRequests());
    }
}
