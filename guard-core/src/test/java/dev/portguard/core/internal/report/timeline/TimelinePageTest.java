package dev.portguard.core.internal.report.timeline;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardMode;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HeadroomReport;
import dev.portguard.core.internal.report.ReportJson;
import dev.portguard.core.internal.timeline.DestinationSample;
import dev.portguard.core.internal.timeline.TimelineEvent;
import dev.portguard.core.internal.timeline.TimelineSample;
import dev.portguard.core.internal.timeline.TimelineView;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The page from known reports: the SVG's exact lines, the verdict, and every outside value escaped. */
class TimelinePageTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private static String report(List<TimelineSample> samples, List<TimelineEvent> events, List<Finding> findings,
                                 List<DestinationHeadroom> headroom) {
        return ReportJson.render(T0.plusSeconds(60), GuardMode.OBSERVE, findings, List.of(), List.of(), List.of(),
                new HeadroomReport("running", null, headroom),
                new TimelineView(Duration.ofSeconds(5), Duration.ofHours(1), samples, events));
    }

    private static DestinationSample api(double requests, double opened, int held) {
        return new DestinationSample("api:443", requests, opened, held, 100, held / 2, 100 - held, null);
    }

    private static final List<TimelineSample> TWO_SAMPLES = List.of(
            new TimelineSample(T0.plusSeconds(5), List.of(api(10, 10, 20))),
            new TimelineSample(T0.plusSeconds(10), List.of(api(40, 40, 50))));

    @Test
    void the_chart_of_a_known_sample_set_draws_these_lines() {
        String html = TimelinePage.render(report(TWO_SAMPLES, List.of(new TimelineEvent(T0.plusSeconds(10),
                "PORT_HEADROOM_LOW", "api:443", "app.Api.call(Api.java:10)", "few ports left", "share one client")),
                List.of(), List.of()));

        // x: 09:00:05 -> 64, 09:00:10 -> 860. Ports axis 0..120 over y 178..28; rates axis 0..50 over y 374..224.
        assertThat(html).contains("<polyline class=\"held\" fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"2\""
                + " points=\"64.00,153.00 860.00,115.50\"/>");
        assertThat(html).contains("<polyline class=\"usable\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"2\""
                + " stroke-dasharray=\"6 4\" points=\"64.00,53.00 860.00,53.00\"/>");
        assertThat(html).contains("class=\"time-wait\"").contains("points=\"64.00,165.50 860.00,146.75\"");
        assertThat(html).contains("<polyline class=\"requests\"").contains("points=\"64.00,344.00 860.00,254.00\"");
        assertThat(html).contains("<polyline class=\"opened\"");
        assertThat(html).contains(">120</text>").contains(">50</text>");
        assertThat(html).contains("<title>1. Few local ports left at app.Api.call(Api.java:10)</title>"
                + "<line x1=\"860.00\" x2=\"860.00\"");
        assertThat(html).contains(">09:00:05</text>").contains(">09:00:10 UTC</text>");
        assertThat(html).contains("At most 50 local ports held of 100 usable (09:00:10 UTC). About 100 in 100"
                + " requests opened a new connection: connections are not being reused.");
        assertThat(html).contains("<li id=\"event-1\"><strong>Few local ports left</strong> at 09:00:10 UTC,"
                + " toward <code>api:443</code>");
        assertThat(html).contains("Where: <code>app.Api.call(Api.java:10)</code>").contains("Fix: share one client");
    }

    @Test
    void unknown_ports_break_the_line_and_a_lone_point_is_a_dot() {
        List<TimelineSample> samples = List.of(
                new TimelineSample(T0, List.of(new DestinationSample("api:443", 1, 1, 5, 100, 0, 95, null))),
                new TimelineSample(T0.plusSeconds(5), List.of(new DestinationSample("api:443", 1, 1, -1, -1, -1, -1,
                        null))),
                new TimelineSample(T0.plusSeconds(10), List.of(api(1, 1, 8))));
        String html = TimelinePage.render(report(samples, List.of(), List.of(), List.of()));
        assertThat(html).doesNotContain("<polyline class=\"held\"");
        assertThat(html).contains("<circle class=\"held\" cx=\"64.00\"").contains("<circle class=\"held\" cx=\"860.00\"");
    }

    @Test
    void every_chart_shares_one_time_axis() {
        List<TimelineSample> samples = List.of(
                new TimelineSample(T0.plusSeconds(5), List.of(api(10, 10, 20))),
                new TimelineSample(T0.plusSeconds(10), List.of(api(40, 40, 50),
                        new DestinationSample("other:443", 1, 1, 1, 100, 0, 99, null))));
        String html = TimelinePage.render(report(samples, List.of(), List.of(), List.of()));
        assertThat(html.indexOf("<h3>api:443</h3>")).as("most ports held first").isLessThan(html.indexOf("<h3>other:443</h3>"));
        String other = html.substring(html.indexOf("<h3>other:443</h3>"));
        assertThat(other).as("its one sample at the end of the common axis")
                .contains("<circle class=\"held\" cx=\"860.00\"").contains(">09:00:05</text>");
    }

    @Test
    void every_outside_value_is_escaped() {
        String host = "<script>alert(1)</script>:443";
        String site = "app.\"Evil'<img src=x onerror=alert(2)>\".call(Api.java:1)";
        Finding finding = new Finding(FindingType.NEW_CLIENT_PER_REQUEST, host, site, "msg <b>bold</b> & more",
                "fix </li><script>x()</script>", Map.of());
        List<TimelineSample> samples = List.of(
                new TimelineSample(T0, List.of(new DestinationSample(host, 5, 5, 10, 100, 0, 90, null))),
                new TimelineSample(T0.plusSeconds(5), List.of(new DestinationSample(host, 5, 5, 12, 100, 0, 88,
                        null))));
        String html = TimelinePage.render(report(samples, List.of(new TimelineEvent(T0.plusSeconds(5),
                "NEW_CLIENT_PER_REQUEST", host, site, finding.message(), finding.advice())), List.of(finding),
                List.of()));

        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>bold");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;:443");
        assertThat(html).contains("app.&quot;Evil&#39;&lt;img src=x onerror=alert(2)&gt;&quot;.call(Api.java:1)");
        assertThat(html).contains("msg &lt;b&gt;bold&lt;/b&gt; &amp; more");
        assertThat(html).contains("aria-label=\"Local ports and connections toward &lt;script&gt;");
        assertThat(Html.escape("a\u0000b\u001bc")).isEqualTo("a b c");
        assertThat(Html.coordinate(3.14159)).isEqualTo("3.14");
        assertThat(Html.coordinate(-0.05)).isEqualTo("-0.05");
        assertThat(Html.coordinate(860)).isEqualTo("860.00");
    }

    @Test
    void the_verdict_says_the_worst_in_plain_words() {
        String healthy = TimelinePage.render(report(TWO_SAMPLES, List.of(), List.of(), List.of()));
        assertThat(healthy).contains("<header class=\"verdict ok\">")
                .contains("<h1>Healthy: connections are reused and local ports are plentiful.</h1>")
                .contains("Nothing: no misuse of connections and no shortage of ports.");

        String critical = TimelinePage.render(report(TWO_SAMPLES, List.of(), List.of(), List.of(
                new DestinationHeadroom("api:443", List.of("10.0.0.5"), 99, 40, 100, 1, "critical", 50, 60, 3000,
                        0.0, 0, 0, 3, 0))));
        assertThat(critical).contains("<header class=\"verdict critical\">")
                .contains("<h1>Out of local ports toward api:443: 99 of 100 usable ports are held");

        String low = TimelinePage.render(report(TWO_SAMPLES, List.of(new TimelineEvent(T0, "PORT_HEADROOM_LOW",
                "api:443", "s", "m", "f")), List.of(), List.of()));
        assertThat(low).contains("<header class=\"verdict warning\">")
                .contains("<h1>Running out of local ports toward api:443: nothing has failed yet");
    }

    @Test
    void a_report_without_a_timeline_still_renders_its_findings() {
        String old = "{\"schema\":\"portguard-report/1\",\"generatedAt\":\"2026-11-24T09:30:00Z\",\"mode\":\"observe\","
                + "\"findings\":[{\"type\":\"KEEP_ALIVE_DISABLED\",\"destination\":\"api:443\",\"site\":\"a.B.c(B.java:1)\","
                + "\"message\":\"m\",\"advice\":\"keep connections\",\"evidence\":{}}],\"future\":[1,{\"x\":null}]}";
        String html = TimelinePage.render(old);
        assertThat(html).contains("No samples yet").contains("Connections are closed after each request")
                .contains("Fix: keep connections").doesNotContain("<svg");
    }

    @Test
    void text_that_is_not_a_report_is_refused() {
        assertThatThrownBy(() -> TimelinePage.render("{\"schema\":\"something-else\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PortGuard report");
        assertThatThrownBy(() -> TimelinePage.render("{\"schema\":"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON at offset");
        assertThatThrownBy(() -> TimelinePage.render("[".repeat(10_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested too deep");
    }

    @Test
    void the_page_loads_nothing_and_is_named_after_its_report() {
        String html = TimelinePage.render(report(TWO_SAMPLES, List.of(), List.of(), List.of()));
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//").doesNotContain("<script")
                .doesNotContain("@import").doesNotContain("url(");
        assertThat(TimelinePage.beside(Path.of("/data/report.json"))).isEqualTo(Path.of("/data/report.html"));
        assertThat(TimelinePage.beside(Path.of("podA-report.json"))).isEqualTo(Path.of("podA-report.html"));
        assertThat(TimelinePage.beside(Path.of("/data/report"))).isEqualTo(Path.of("/data/report.html"));
    }
}
