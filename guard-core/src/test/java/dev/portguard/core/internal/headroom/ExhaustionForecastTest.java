package dev.portguard.core.internal.headroom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExhaustionForecastTest {
    @Test
    void a_rate_whose_steady_state_fits_never_runs_out() {
        // 100/s x 60 s = 6,000 ports of 28,232
        ExhaustionForecast f = ExhaustionForecast.of(28232, 3000, 3000, 100, 1.0, 60);
        assertThat(f.steadyStatePorts()).isEqualTo(6000);
        assertThat(f.secondsToExhaustion()).isNull();
        assertThat(f.sustainableRate()).isCloseTo(28232 / 60.0, within(0.01));
    }

    @Test
    void a_rate_past_what_the_range_carries_runs_out_after_headroom_over_net_growth() {
        // 1,000/s enter TIME_WAIT, 6,000/60 = 100/s leave: 900/s eat 22,232 free ports in about 24.7 s
        ExhaustionForecast f = ExhaustionForecast.of(28232, 6000, 6000, 1000, 1.0, 60);
        assertThat(f.steadyStatePorts()).isEqualTo(60000);
        assertThat(f.secondsToExhaustion()).isCloseTo(22232 / 900.0, within(0.01));
    }

    @Test
    void tw_reuse_turns_the_hold_into_the_reuse_delay() {
        ExhaustionForecast f = ExhaustionForecast.of(28232, 1000, 1000, 1000, 1.0, 1.0);
        assertThat(f.secondsToExhaustion()).isNull();
        assertThat(f.steadyStatePorts()).isEqualTo(1000);
    }

    @Test
    void connections_the_server_closes_first_leave_no_time_wait_here() {
        ExhaustionForecast f = ExhaustionForecast.of(28232, 0, 0, 1000, 0.0, 60);
        assertThat(f.secondsToExhaustion()).isNull();
        assertThat(f.steadyStatePorts()).isZero();
    }

    @Test
    void no_headroom_left_is_exhaustion_now() {
        ExhaustionForecast f = ExhaustionForecast.of(50, 50, 50, 10, 1.0, 60);
        assertThat(f.secondsToExhaustion()).isEqualTo(0.0);
    }
}
