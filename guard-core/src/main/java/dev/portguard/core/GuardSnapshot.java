package dev.portguard.core;

import dev.portguard.core.internal.timeline.TimelineView;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Findings and counts at one moment, for code and tests. Immutable; take another for newer numbers.
 */
public final class GuardSnapshot {
    private final Instant takenAt;
    private final GuardMode mode;
    private final List<Finding> findings;
    private final List<DestinationCounts> destinations;
    private final List<PoolCounts> pools;
    private final List<PoolSiteCounts> poolSites;
    private final dev.portguard.core.headroom.HeadroomReport headroom;
    private final TimelineView timeline;

    public GuardSnapshot(Instant takenAt, GuardMode mode, List<Finding> findings,
                         List<DestinationCounts> destinations, List<PoolCounts> pools) {
        this(takenAt, mode, findings, destinations, pools, dev.portguard.core.headroom.HeadroomReport.NONE);
    }

    public GuardSnapshot(Instant takenAt, GuardMode mode, List<Finding> findings,
                         List<DestinationCounts> destinations, List<PoolCounts> pools,
                         dev.portguard.core.headroom.HeadroomReport headroom) {
        this(takenAt, mode, findings, destinations, pools, List.of(), headroom);
    }

    public GuardSnapshot(Instant takenAt, GuardMode mode, List<Finding> findings,
                         List<DestinationCounts> destinations, List<PoolCounts> pools,
                         List<PoolSiteCounts> poolSites, dev.portguard.core.headroom.HeadroomReport headroom) {
        this(takenAt, mode, findings, destinations, pools, poolSites, headroom, TimelineView.NONE);
    }

    /** With the incident timeline, which only the guard itself has. */
    GuardSnapshot(Instant takenAt, GuardMode mode, List<Finding> findings, List<DestinationCounts> destinations,
                  List<PoolCounts> pools, List<PoolSiteCounts> poolSites,
                  dev.portguard.core.headroom.HeadroomReport headroom, TimelineView timeline) {
        this.timeline = java.util.Objects.requireNonNull(timeline, "timeline");
        this.poolSites = List.copyOf(poolSites);
        this.headroom = java.util.Objects.requireNonNull(headroom, "headroom");
        this.takenAt = takenAt;
        this.mode = mode;
        this.findings = List.copyOf(findings);
        this.destinations = List.copyOf(destinations);
        this.pools = List.copyOf(pools);
    }

    public Instant takenAt() {
        return takenAt;
    }

    public GuardMode mode() {
        return mode;
    }

    /** Every finding made so far, in the order they were made, each with its current evidence. */
    public List<Finding> findings() {
        return findings;
    }

    public List<Finding> findings(FindingType type) {
        return findings.stream().filter(f -> f.type() == type).collect(Collectors.toUnmodifiableList());
    }

    public List<DestinationCounts> destinations() {
        return destinations;
    }

    /** The counts toward {@code host:port}, if it was seen. */
    public Optional<DestinationCounts> destination(String hostAndPort) {
        return destinations.stream().filter(d -> d.destination().equals(hostAndPort)).findFirst();
    }

    /** Live pools, up to {@code max.pools}. */
    public List<PoolCounts> pools() {
        return pools;
    }

    /** Pools per creation site: created, alive, gone; the site that created the most first. */
    public List<PoolSiteCounts> poolSites() {
        return poolSites;
    }

    /** The host's local port headroom and each destination's, as the latest probe reading showed them. */
    public dev.portguard.core.headroom.HeadroomReport headroom() {
        return headroom;
    }

    /** This snapshot as a {@code portguard-report/1} JSON document. */
    public String toJson() {
        return dev.portguard.core.internal.report.ReportJson.render(takenAt, mode, findings, destinations, pools,
                poolSites, headroom, timeline);
    }
}
