package dev.portguard.core.internal.detect;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;

/**
 * Turns the counts of one (site, destination) into a finding of one type. Detectors read counts and never touch a
 * client; they run on the request path only when the connections opened have moved, so {@link #applies} must be
 * cheap and allocation-free.
 */
interface Detector {
    FindingType type();

    boolean applies(RouteView route, GuardConfig config);

    /** The finding with the evidence as it stands now. */
    Finding describe(RaisedPoolFinding raised, GuardConfig config);
}
