package dev.portguard.core.internal.metrics;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.internal.publish.Sinks;
import dev.portguard.core.metrics.GuardMeter.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Findings: a counter per type (every type, so a rate of 0 shows), and an info gauge of value 1 per finding that
 * stands, at most {@code max.sites} of them.
 */
final class FindingMeters {
    private final Sinks sinks;
    private final int maxInfo;
    private final AtomicLongArray made = new AtomicLongArray(FindingType.values().length);

    FindingMeters(Sinks sinks, int maxInfo) {
        this.sinks = sinks;
        this.maxInfo = maxInfo;
    }

    /** Called once per finding made (findings are rare; each type once per subject). */
    void made(Finding finding) {
        made.incrementAndGet(finding.type().ordinal());
    }

    void addTo(MeterList out) {
        for (FindingType type : FindingType.values()) {
            int i = type.ordinal();
            out.counter("portguard.findings", "Findings made, by type",
                    List.of(new Tag("portguard.finding.type", type.name()), new Tag("type", type.name())),
                    () -> made.get(i));
        }
        Set<List<Tag>> seen = new HashSet<>();
        for (Finding f : sinks.findings()) {
            if (seen.size() >= maxInfo) {
                break; // further findings are in portguard.findings only
            }
            List<Tag> tags = new ArrayList<>();
            tags.add(new Tag("portguard.finding.type", f.type().name()));
            tags.add(new Tag("portguard.site", f.site()));
            tags.addAll(MeterList.server(f.destination()));
            if (seen.add(tags)) {
                out.gauge("portguard.finding.info", null, "A finding that stands (value 1)", tags, () -> 1);
            }
        }
    }
}
