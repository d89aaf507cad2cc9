package dev.portguard.benchmarks;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.GuardMode;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HeadroomReport;
import dev.portguard.core.internal.report.ReportJson;
import dev.portguard.core.internal.report.timeline.TimelinePage;
import dev.portguard.core.internal.timeline.DestinationSample;
import dev.portguard.core.internal.timeline.Timeline;
import dev.portguard.core.internal.timeline.TimelineEvent;
import dev.portguard.core.internal.timeline.TimelineSample;
import dev.portguard.core.internal.timeline.TimelineView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the incident timeline costs off the request path: one sample of a gateway's 1,000 destinations (on the
 * probe thread, every {@code timeline.interval}), and rendering a full default window (720 samples of 8
 * destinations, 20 events) to the report's JSON and to its page (every {@code report.interval}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TimelineBenchmark {
    static final int DESTINATIONS = 1000;
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final List<DestinationCounts> counts = new ArrayList<>();
    private HeadroomReport headroom;
    private Timeline timeline;
    private long nanos;
    private String report;

    @Setup(Level.Trial)
    public void build() {
        List<DestinationHeadroom> ports = new ArrayList<>();
        for (int i = 0; i < DESTINATIONS; i++) {
            String d = "service-" + i + ".internal:443";
            counts.add(new DestinationCounts(d, 1000L * i, 10L * i, 990L * i, 10L * i, 5L * i, 0, 0, 0));
            ports.add(new DestinationHeadroom(d, List.of("10.0." + (i / 250) + "." + (i % 250)), i % 300, i % 100,
                    28231, 28231 - i % 300, "ok", 1.5, 60, 90, null, 0, 0, 0, 0));
        }
        headroom = new HeadroomReport("running", null, ports);
        timeline = new Timeline(Duration.ofSeconds(5), Duration.ofHours(1), 0);

        List<TimelineSample> samples = new ArrayList<>();
        for (int s = 0; s < 720; s++) {
            List<DestinationSample> dests = new ArrayList<>();
            for (int d = 0; d < 8; d++) {
                dests.add(new DestinationSample("service-" + d + ".internal:443", 40 + s % 17, 39.5 + s % 13,
                        2000 + s * 3 + d, 28231, 1900 + s * 3, 26231 - s * 3, 600.0 - s / 2.0));
            }
            samples.add(new TimelineSample(T0.plusSeconds(5L * s), dests));
        }
        List<TimelineEvent> events = new ArrayList<>();
        for (int e = 0; e < 20; e++) {
            events.add(new TimelineEvent(T0.plusSeconds(170L * e), "PORT_HEADROOM_LOW", "service-" + (e % 8)
                    + ".internal:443", "com.acme.Client.call(Client.java:" + e + ")", "few ports left", "reuse"));
        }
        report = ReportJson.render(T0.plusSeconds(3600), GuardMode.OBSERVE, List.of(), counts, List.of(), List.of(),
                headroom, new TimelineView(Duration.ofSeconds(5), Duration.ofHours(1), samples, events));
        System.out.printf("%nfull window: report JSON %d bytes, page %d bytes%n", report.length(),
                TimelinePage.render(report).length());
    }

    /** One sample of 1,000 destinations (the rates, the busiest 8, the ring's slot). */
    @Benchmark
    public Timeline sampleOfAThousandDestinations() {
        nanos += 5_000_000_000L;
        timeline.tick(nanos, T0, counts, headroom, false);
        return timeline;
    }

    /** The page of a full default window, from the report's JSON (what every report write adds). */
    @Benchmark
    public String pageOfAFullWindow() {
        return TimelinePage.render(report);
    }
}
