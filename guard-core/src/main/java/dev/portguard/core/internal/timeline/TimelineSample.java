package dev.portguard.core.internal.timeline;

import java.time.Instant;
import java.util.List;

/** The busiest destinations at one moment, busiest first. */
public record TimelineSample(Instant at, List<DestinationSample> destinations) {
    public TimelineSample {
        destinations = List.copyOf(destinations);
    }
}
