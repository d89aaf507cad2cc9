package dev.portguard.core.internal.timeline;

import java.time.Duration;
import java.util.List;

/** The timeline as it stands, for a snapshot and its report: samples oldest first, events in the order raised. */
public record TimelineView(Duration interval, Duration window, List<TimelineSample> samples,
                           List<TimelineEvent> events) {
    public static final TimelineView NONE = new TimelineView(Duration.ZERO, Duration.ZERO, List.of(), List.of());

    public TimelineView {
        samples = List.copyOf(samples);
        events = List.copyOf(events);
    }
}
