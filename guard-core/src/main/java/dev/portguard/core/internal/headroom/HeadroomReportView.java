package dev.portguard.core.internal.headroom;

import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HeadroomReport;

import java.util.ArrayList;
import java.util.List;

/** The headroom part of a snapshot: each destination's latest reading with its counters as they are now. */
final class HeadroomReportView {
    private final DestinationDirectory directory;
    private final HeadroomEvaluation evaluation;

    HeadroomReportView(DestinationDirectory directory, HeadroomEvaluation evaluation) {
        this.directory = directory;
        this.evaluation = evaluation;
    }

    HeadroomReport report() {
        List<DestinationHeadroom> list = new ArrayList<>();
        for (WatchedDestination d : directory.destinations()) {
            PortState ports = d.ports();
            HeadroomState s = ports.headroom;
            if (s != null) {
                DestinationHeadroom v = s.view;
                // Counters move between readings; show them as they are now.
                list.add(new DestinationHeadroom(v.destination(), v.addresses(), v.portsHeld(), v.timeWait(),
                        v.usablePorts(), v.headroom(), v.level(), v.newConnectionsPerSecond(), v.holdSeconds(),
                        v.steadyStatePorts(), v.secondsToExhaustion(), d.connectTimeouts(),
                        ports.timeoutsWithHeadroom.sum(), ports.addressUnavailable.sum(), ports.refused.sum()));
            }
        }
        list.sort((a, b) -> Integer.compare(a.headroom() < 0 ? Integer.MAX_VALUE : a.headroom(),
                b.headroom() < 0 ? Integer.MAX_VALUE : b.headroom()));
        return new HeadroomReport(evaluation.probeState(), evaluation.latest(), list);
    }
}
