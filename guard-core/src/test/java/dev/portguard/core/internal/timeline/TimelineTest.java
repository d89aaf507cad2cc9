package dev.portguard.core.internal.timeline;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HeadroomReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ring itself, driven with known counts and clock readings. */
class TimelineTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private static DestinationCounts counts(String destination, long requests, long opened) {
        return new DestinationCounts(destination, requests, opened, Math.max(0, requests - opened), 0, 0, 0, 0, 0);
    }

    private static HeadroomReport ports(String destination, int held, int usable) {
        return new HeadroomReport("running", null, List.of(new DestinationHeadroom(destination, List.of("10.0.0.5"),
                held, 4, usable, usable - held, "ok", 0, 60, held, null, 0, 0, 0, 0)));
    }

    @Test
    void rates_are_the_counts_change_per_second_and_ports_come_from_the_reading() {
        Timeline timeline = new Timeline(Duration.ofSeconds(5), Duration.ofHours(1), SECOND);
        timeline.tick(6 * SECOND, T0, List.of(counts("api:443", 100, 100)), ports("api:443", 10, 100), false);
        timeline.tick(11 * SECOND, T0.plusSeconds(5), List.of(counts("api:443", 150, 110)), ports("api:443", 20, 100), false);

        List<TimelineSample> samples = timeline.view().samples();
        assertThat(samples.get(0).destinations()).as("the first sample counts from the start")
                .containsExactly(new DestinationSample("api:443", 20.0, 20.0, 10, 100, 4, 90, null));
        assertThat(samples.get(1).at()).isEqualTo(T0.plusSeconds(5));
        assertThat(samples.get(1).destinations()).containsExactly(
                new DestinationSample("api:443", 10.0, 2.0, 20, 100, 4, 80, null));
    }

    @Test
    void a_tick_before_the_interval_takes_no_sample() {
        Timeline timeline = new Timeline(Duration.ofSeconds(5), Duration.ofHours(1), SECOND);
        timeline.tick(2 * SECOND, T0.plusSeconds(1), List.of(), HeadroomReport.NONE, false);
        assertThat(timeline.view().samples()).isEmpty();
        timeline.tick(5 * SECOND + SECOND / 2, T0.plusSeconds(5), List.of(), HeadroomReport.NONE, false);
        assertThat(timeline.view().samples()).as("a tick a little early still samples").hasSize(1);
        timeline.tick(6 * SECOND, T0.plusSeconds(5), List.of(), HeadroomReport.NONE, false);
        assertThat(timeline.view().samples()).hasSize(1);
    }

    @Test
    void an_explicit_reading_inside_the_interval_stretches_the_last_sample_to_now() {
        Timeline timeline = new Timeline(Duration.ofSeconds(5), Duration.ofHours(1), 0);
        timeline.tick(5 * SECOND, T0.plusSeconds(5), List.of(counts("api:443", 50, 50)), ports("api:443", 10, 100),
                false);
        timeline.tick(10 * SECOND, T0.plusSeconds(10), List.of(counts("api:443", 100, 100)), ports("api:443", 20, 100),
                false);
        timeline.tick(12 * SECOND, T0.plusSeconds(12), List.of(counts("api:443", 170, 170)), ports("api:443", 99, 100),
                false);
        assertThat(timeline.view().samples()).as("a tick inside the interval takes no sample").hasSize(2);

        timeline.tick(12 * SECOND, T0.plusSeconds(12), List.of(counts("api:443", 170, 170)), ports("api:443", 99, 100),
                true);
        List<TimelineSample> samples = timeline.view().samples();
        assertThat(samples).hasSize(2);
        assertThat(samples.get(1).at()).isEqualTo(T0.plusSeconds(12));
        assertThat(samples.get(1).destinations()).as("120 requests over the 7 s since the first sample")
                .containsExactly(new DestinationSample("api:443", 17.14, 17.14, 99, 100, 4, 1, null));

        timeline.tick(15 * SECOND, T0.plusSeconds(15), List.of(counts("api:443", 170, 170)), ports("api:443", 99, 100),
                false);
        assertThat(timeline.view().samples()).as("the interval runs from the stretched sample").hasSize(2);
        timeline.tick(17 * SECOND, T0.plusSeconds(17), List.of(counts("api:443", 180, 180)), ports("api:443", 99, 100),
                false);
        assertThat(timeline.view().samples()).hasSize(3);
        assertThat(timeline.view().samples().get(2).destinations().get(0).requestsPerSecond()).isEqualTo(2.0);
    }

    @Test
    void counts_that_went_back_give_no_negative_rate_and_unknown_ports_stay_unknown() {
        Timeline timeline = new Timeline(Duration.ofSeconds(1), Duration.ofHours(1), 0);
        timeline.tick(SECOND, T0, List.of(counts("api:443", 500, 500)), HeadroomReport.NONE, false);
        timeline.tick(2 * SECOND, T0.plusSeconds(1), List.of(counts("api:443", 3, 3)), HeadroomReport.NONE, false);
        DestinationSample d = timeline.view().samples().get(1).destinations().get(0);
        assertThat(d.requestsPerSecond()).isZero();
        assertThat(d.portsHeld()).isEqualTo(-1);
        assertThat(d.usablePorts()).isEqualTo(-1);
    }

    @Test
    void the_ring_keeps_the_window_and_drops_the_oldest() {
        Timeline timeline = new Timeline(Duration.ofSeconds(5), Duration.ofSeconds(20), -4 * SECOND);
        assertThat(timeline.capacity()).isEqualTo(4);
        for (int i = 0; i <= 10; i++) {
            timeline.tick((1 + 5L * i) * SECOND, T0.plusSeconds(5L * i), List.of(counts("api:443", i, i)),
                    HeadroomReport.NONE, false);
        }
        List<TimelineSample> samples = timeline.view().samples();
        assertThat(samples).extracting(TimelineSample::at)
                .containsExactly(T0.plusSeconds(35), T0.plusSeconds(40), T0.plusSeconds(45), T0.plusSeconds(50));
    }

    @Test
    void a_tiny_interval_over_a_long_window_is_still_bounded() {
        assertThat(new Timeline(Duration.ofMillis(100), Duration.ofHours(24), 0).capacity())
                .isEqualTo(Timeline.MOST_SAMPLES);
    }

    @Test
    void each_sample_keeps_the_busiest_destinations_only_most_ports_held_first() {
        Timeline timeline = new Timeline(Duration.ofSeconds(1), Duration.ofHours(1), 0);
        List<DestinationCounts> quiet = new ArrayList<>();
        List<DestinationCounts> later = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            quiet.add(counts("host" + i + ":443", 0, 0));
            later.add(counts("host" + i + ":443", i, i));
        }
        timeline.tick(SECOND, T0, quiet, HeadroomReport.NONE, false);
        timeline.tick(2 * SECOND, T0.plusSeconds(1), later, ports("host3:443", 90, 100), false);

        List<DestinationSample> kept = timeline.view().samples().get(1).destinations();
        assertThat(kept).hasSize(Timeline.DESTINATIONS_PER_SAMPLE);
        assertThat(kept.get(0).destination()).isEqualTo("host3:443");
        assertThat(kept.subList(1, kept.size())).extracting(DestinationSample::destination)
                .containsExactly("host19:443", "host18:443", "host17:443", "host16:443", "host15:443", "host14:443",
                        "host13:443");
    }

    @Test
    void findings_become_events_with_their_site_and_fix_and_the_oldest_go_past_the_bound() {
        Timeline timeline = new Timeline(Duration.ofSeconds(5), Duration.ofHours(1), 0);
        for (int i = 0; i < Timeline.MOST_EVENTS + 3; i++) {
            timeline.findingRaised(new Finding(FindingType.NEW_CLIENT_PER_REQUEST, "api:443",
                    "app.Api.call(Api.java:" + i + ")", "what", "share one client", Map.of()), T0.plusSeconds(i));
        }
        List<TimelineEvent> events = timeline.view().events();
        assertThat(events).hasSize(Timeline.MOST_EVENTS);
        assertThat(events.get(0)).isEqualTo(new TimelineEvent(T0.plusSeconds(3), "NEW_CLIENT_PER_REQUEST", "api:443",
                "app.Api.call(Api.java:3)", "what", "share one client"));
    }

    @Test
    void reset_forgets_samples_events_and_counts() {
        Timeline timeline = new Timeline(Duration.ofSeconds(1), Duration.ofHours(1), 0);
        timeline.tick(SECOND, T0, List.of(counts("api:443", 1, 1)), HeadroomReport.NONE, false);
        timeline.tick(2 * SECOND, T0.plusSeconds(1), List.of(counts("api:443", 2, 2)), HeadroomReport.NONE, false);
        timeline.findingRaised(new Finding(FindingType.POOL_CHURN, "api:443", "s", "m", "a", Map.of()), T0);
        timeline.reset(2 * SECOND);
        assertThat(timeline.view().samples()).isEmpty();
        assertThat(timeline.view().events()).isEmpty();
        timeline.tick(2 * SECOND + SECOND / 2, T0.plusSeconds(2), List.of(), HeadroomReport.NONE, false);
        assertThat(timeline.view().samples()).as("the interval starts again at the reset").isEmpty();
        timeline.tick(4 * SECOND, T0.plusSeconds(4), List.of(counts("api:443", 4, 2)), HeadroomReport.NONE, false);
        assertThat(timeline.view().samples().get(0).destinations().get(0).requestsPerSecond())
                .as("counts after the reset, from zero, over the two seconds since").isEqualTo(2.0);
    }
}
