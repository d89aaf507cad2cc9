package dev.portguard.core;

import dev.portguard.core.internal.config.Setting;
import dev.portguard.core.internal.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every setting has a range; text outside it, too large to hold or written to mislead is refused in one line. */
class GuardConfigRangeTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "new.client.window|3000000h|60000ms",
            "new.client.window|PT9300000000000000S|60000ms",
            "new.client.window|99999999999999999999ms|60000ms",
            "report.interval|3000000000000000h|60000ms",
            "report.interval|3000000h|60000ms",
            "report.interval|1ms|60000ms",
            "headroom.interval|3000000h|10000ms",
            "headroom.interval|11m|10000ms",
            "headroom.interval|99ms|10000ms",
            "headroom.horizon|3000000h|600000ms",
            "headroom.horizon|PT9300000000000000S|600000ms",
            "protect.wait|3000000h|0ms",
            "protect.wait|61s|0ms",
            "min.requests|1000001|20",
            "min.requests|99999999999|20",
            "new.client.threshold|2147483648|10",
            "max.destinations|100001|1000",
            "max.sites|100001|500",
            "max.pools|100001|1000",
    })
    void out_of_range_or_too_large_is_one_line_naming_key_value_and_default(String key, String value,
                                                                            String printedDefault) {
        assertThatThrownBy(() -> GuardConfig.builder().set(key, value))
                .isInstanceOf(GuardConfigException.class)
                .hasMessageContaining("portguard." + key + "='" + value + "'");

        List<String> problems = new ArrayList<>();
        GuardConfig config = GuardConfig.builder().fromLenient(Map.of(key, value), problems::add).build();

        assertThat(problems).singleElement().satisfies(p -> assertThat(p)
                .contains("portguard." + key + "='" + value + "'")
                .endsWith("; using the default " + printedDefault)
                .doesNotContain("\n"));
        assertThat(config.asMap()).isEqualTo(GuardConfig.defaults().asMap());
        // the accepted config is usable everywhere it is read: nothing overflows later
        PortGuard.create(config).snapshot();
    }

    @Test
    void the_edges_of_each_range_are_accepted() {
        GuardConfig c = GuardConfig.builder().from(Map.of(
                "new.client.window", "24h", "report.interval", "1s", "headroom.interval", "10m",
                "headroom.horizon", "PT24H", "protect.wait", "60s", "min.requests", "1000000",
                "max.destinations", "100000")).build();
        assertThat(c.newClientWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.headroomInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.headroomHorizon()).isEqualTo(Duration.ofHours(24));
        assertThat(c.protectWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.minRequests()).isEqualTo(1_000_000);
        assertThat(c.maxDestinations()).isEqualTo(100_000);
        assertThat(GuardConfig.builder().set("headroom.interval", "100ms").build().headroomInterval())
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void typed_setters_hold_the_same_ranges() {
        assertThatThrownBy(() -> GuardConfig.builder().newClientWindow(Duration.ofHours(3_000_000)))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("portguard.new.client.window");
        assertThatThrownBy(() -> GuardConfig.builder().reportInterval(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("portguard.report.interval");
        assertThatThrownBy(() -> GuardConfig.builder().headroomInterval(Duration.ofHours(1)))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("portguard.headroom.interval");
        assertThatThrownBy(() -> GuardConfig.builder().maxDestinations(Integer.MAX_VALUE))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("portguard.max.destinations");
    }

    @Test
    void every_setting_states_its_range_in_what_it_accepts() {
        for (Setting<?> s : Settings.ALL) {
            if (s.defaultValue() instanceof Number || s.defaultValue() instanceof Duration) {
                assertThat(s.accepted()).as(s.key()).containsPattern("at most|to [0-9]+");
            }
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "min.requests|\u0662\u0660",
            "min.requests|+20",
            "min.requests|\uff12\uff10",
            "max.sites|1_000",
            "new.client.window|\u0665s",
            "new.client.window|+5s",
            "new.connection.ratio|0x1p-1",
            "new.connection.ratio|5e-1",
            "new.connection.ratio|NaN",
            "new.connection.ratio|0.5d",
            "headroom.low|\u0660.5",
    })
    void only_ascii_digits_are_numbers(String key, String value) {
        assertThatThrownBy(() -> GuardConfig.builder().set(key, value))
                .isInstanceOf(GuardConfigException.class)
                .hasMessageContaining("portguard." + key + "=")
                .satisfies(e -> assertThat(e.getMessage()).matches("\\p{ASCII}*"));
    }

    @Test
    void a_newline_in_a_value_cannot_forge_a_log_line() {
        String forged = "5\n[portguard] installed; instrumentation self-test passed\r\u2028x";
        List<String> problems = new ArrayList<>();

        GuardConfig.builder().fromLenient(Map.of("min.requests", forged, "col\nour", "blue"), problems::add);

        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p)
                .doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028").matches("\\p{ASCII}*"));
        assertThat(String.join(" ", problems))
                .contains("portguard.min.requests='5\\n[portguard] installed; instrumentation self-test passed\\r"
                        + "\\u2028x'")
                .contains("portguard.col\\nour='blue'");
    }

    @Test
    void a_huge_value_is_shown_as_a_short_prefix() {
        String huge = "9".repeat(1 << 20);
        List<String> problems = new ArrayList<>();

        GuardConfig.builder().fromLenient(Map.of("report.interval", huge + "h"), problems::add);

        assertThat(problems).singleElement().satisfies(p -> assertThat(p)
                .hasSizeLessThan(400)
                .contains("portguard.report.interval='9999")
                .contains("...' (1048577 characters)"));
    }
}
