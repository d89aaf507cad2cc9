package dev.portguard.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GuardConfig c = GuardConfig.defaults();
        assertThat(c.mode()).isEqualTo(GuardMode.OBSERVE);
        assertThat(c.minRequests()).isEqualTo(20);
        assertThat(c.newConnectionRatio()).isEqualTo(0.5);
        assertThat(c.newClientThreshold()).isEqualTo(10);
        assertThat(c.newClientWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.poolChurnRatio()).isEqualTo(0.1);
        assertThat(c.maxDestinations()).isEqualTo(1000);
        assertThat(c.logLevel()).isEqualTo(Level.WARNING);
        assertThat(c.report()).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "mode|lenient|one of observe, strict, mitigate, off",
            "min.requests|0|a whole number of at least 1",
            "min.requests|twenty|a whole number of at least 1",
            "min.requests|-3|a whole number of at least 1",
            "new.connection.ratio|1.5|a number above 0 and at most 1",
            "new.connection.ratio|0|a number above 0 and at most 1",
            "new.connection.ratio|half|a number above 0 and at most 1",
            "new.client.threshold|0|a whole number of at least 1",
            "new.client.window|10|a duration above zero",
            "new.client.window|-5s|a duration above zero",
            "new.client.window|0s|a duration above zero",
            "new.client.window|PTXS|a duration above zero",
            "pool.churn.ratio|2|a number above 0 and at most 1",
            "max.destinations|0|a whole number of at least 1",
            "max.sites|many|a whole number of at least 1",
            "max.pools|0|a whole number of at least 1",
            "log.level|loud|one of off, error, warning, info, debug",
            "report.interval|soon|a duration above zero",
            "colour|blue|one of the known keys",
    })
    void everyInvalidValueIsNamedWithWhatIsAccepted(String key, String value, String accepted) {
        assertThatThrownBy(() -> GuardConfig.builder().set(key, value))
                .isInstanceOf(GuardConfigException.class)
                .hasMessageContaining("portguard." + key)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining(accepted)
                .satisfies(e -> assertThat(((GuardConfigException) e).key()).isEqualTo("portguard." + key));
    }

    @Test
    void typedSettersValidateToo() {
        assertThatThrownBy(() -> GuardConfig.builder().minRequests(0))
                .hasMessageContaining("portguard.min.requests");
        assertThatThrownBy(() -> GuardConfig.builder().newConnectionRatio(Double.NaN))
                .hasMessageContaining("portguard.new.connection.ratio");
        assertThatThrownBy(() -> GuardConfig.builder().newClientWindow(Duration.ZERO))
                .hasMessageContaining("portguard.new.client.window");
    }

    @Test
    void durationsTakeUnitsOrIso() {
        GuardConfig c = GuardConfig.builder().from(Map.of(
                "new.client.window", "500ms", "report.interval", "PT2M")).build();
        assertThat(c.newClientWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.reportInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(GuardConfig.builder().set("new.client.window", "5m").build().newClientWindow())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(GuardConfig.builder().set("new.client.window", "1h").build().newClientWindow())
                .isEqualTo(Duration.ofHours(1));
        assertThat(GuardConfig.builder().set("new.client.window", "10s").build().newClientWindow())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void environmentIsOverriddenBySystemProperties() {
        Properties props = new Properties();
        props.setProperty("portguard.min.requests", "7");
        props.setProperty("unrelated", "x");
        Map<String, String> settings = GuardConfig.environmentSettings(Map.of(
                "PORTGUARD_MIN_REQUESTS", "5",
                "PORTGUARD_NEW_CONNECTION_RATIO", "0.25",
                "PORTGUARD_MODE", "strict",
                "PATH", "/bin"), props);
        GuardConfig c = GuardConfig.builder().from(settings).build();
        assertThat(c.minRequests()).isEqualTo(7);
        assertThat(c.newConnectionRatio()).isEqualTo(0.25);
        assertThat(c.mode()).isEqualTo(GuardMode.STRICT);
    }

    @Test
    void prefixedKeysAreAcceptedAndValuesTrimmed() {
        GuardConfig c = GuardConfig.builder().set("portguard.mode", " OFF ").set("report", "/tmp/r.json").build();
        assertThat(c.mode()).isEqualTo(GuardMode.OFF);
        assertThat(c.report()).contains(Path.of("/tmp/r.json"));
    }

    @Test
    void lenientReadingKeepsDefaultsAndReportsEachProblemOnce() {
        List<String> problems = new ArrayList<>();
        GuardConfig c = GuardConfig.builder().fromLenient(new java.util.TreeMap<>(Map.of(
                "min.requests", "zero", "mode", "strict", "colour", "blue")), problems::add).build();
        assertThat(c.minRequests()).isEqualTo(20);
        assertThat(c.mode()).isEqualTo(GuardMode.STRICT);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("portguard.colour").contains("using the default");
        assertThat(problems.get(1)).contains("portguard.min.requests").contains("'zero'");
    }

    @Test
    void roundTripsThroughItsMap() {
        GuardConfig c = GuardConfig.builder().mode(GuardMode.STRICT).minRequests(3).newClientWindow(Duration.ofSeconds(9))
                .report(Path.of("out.json")).build();
        GuardConfig again = GuardConfig.builder().from(c.asMap()).build();
        assertThat(again.asMap()).isEqualTo(c.asMap());
    }

    @Test
    void keys_are_listed_in_documentation_order_the_same_as_the_map() {
        assertThat(new java.util.ArrayList<>(GuardConfig.KEYS))
                .containsExactlyElementsOf(GuardConfig.defaults().asMap().keySet());
    }

    @Test
    void otherToolsNamesUnderThePrefixAreIgnoredQuietly() {
        Properties props = new Properties();
        props.setProperty("portguard.version", "0.1.0");
        props.setProperty("portguard.test.libs", "/tmp/libs");
        props.setProperty("portguard.mode", "strict");
        List<String> problems = new ArrayList<>();

        Map<String, String> settings = GuardConfig.environmentSettings(Map.of("PORTGUARD_HOME", "/opt"), props,
                problems::add);

        assertThat(problems).isEmpty();
        assertThat(settings).containsOnlyKeys("mode");
    }

    @Test
    void aMistypedKeyIsNamedWithTheKeyItWasMeantToBe() {
        Properties props = new Properties();
        props.setProperty("portguard.log.levle", "info");
        List<String> problems = new ArrayList<>();

        Map<String, String> settings = GuardConfig.environmentSettings(Map.of("PORTGUARD_MINREQUESTS", "5"), props,
                problems::add);

        assertThat(settings).isEmpty();
        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("portguard.log.levle")
                .contains("did you mean portguard.log.level"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("did you mean portguard.min.requests")
                .contains("PORTGUARD_MIN_REQUESTS"));
        assertThatThrownBy(() -> GuardConfig.builder().set("min.reqests", "5"))
                .hasMessageContaining("did you mean portguard.min.requests");
    }
}
