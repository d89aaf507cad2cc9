package dev.portguard.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardConfigHeadroomTest {
    @Test
    void defaults_probe_every_ten_seconds_and_never_refuse() {
        GuardConfig c = GuardConfig.defaults();
        assertThat(c.headroomProbe()).isTrue();
        assertThat(c.headroomInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.headroomLow()).isEqualTo(0.2);
        assertThat(c.headroomHorizon()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.protect()).isEqualTo(ProtectMode.OFF);
        assertThat(c.protectCritical()).isEqualTo(0.05);
        assertThat(c.protectWait()).isZero();
    }

    @Test
    void every_key_is_read_from_text_and_written_back_the_same_way() {
        GuardConfig c = GuardConfig.builder().from(Map.of("headroom.probe", "off", "headroom.interval", "2s",
                "headroom.low", "0.3", "headroom.horizon", "5m", "protect", "enforce", "protect.critical", "0.1",
                "protect.wait", "250ms")).build();
        assertThat(c.headroomProbe()).isFalse();
        assertThat(c.headroomInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.protect()).isEqualTo(ProtectMode.ENFORCE);
        assertThat(c.protectWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(GuardConfig.builder().from(c.asMap()).build().asMap()).isEqualTo(c.asMap());
        assertThat(GuardConfig.builder().set("protect.wait", "0").build().protectWait()).isZero();
    }

    @Test
    void invalid_values_name_key_value_and_what_is_accepted() {
        assertThatThrownBy(() -> GuardConfig.builder().set("protect", "always"))
                .hasMessage("PortGuard configuration portguard.protect='always' is not valid: expected one of off,"
                        + " enforce");
        assertThatThrownBy(() -> GuardConfig.builder().set("headroom.low", "20"))
                .hasMessageContaining("portguard.headroom.low='20'").hasMessageContaining("at most 1");
        assertThatThrownBy(() -> GuardConfig.builder().set("headroom.probe", "maybe"))
                .hasMessageContaining("portguard.headroom.probe='maybe'").hasMessageContaining("on or off");
        assertThatThrownBy(() -> GuardConfig.builder().set("protect.wait", "-1s"))
                .hasMessageContaining("portguard.protect.wait='-1s'");
        assertThatThrownBy(() -> GuardConfig.builder().set("headroom.interval", "0s"))
                .hasMessageContaining("portguard.headroom.interval='0s'");
    }
}
