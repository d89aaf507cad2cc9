package dev.portguard.core.internal.headroom;

import dev.portguard.core.headroom.DestinationHeadroom;

/**
 * One destination's headroom at the latest probe, and what hooks need to judge it between probes: the connections
 * opened since ({@code opened - openedAtProbe}) each took a port the reading did not see yet. Those opened while
 * the tables were read ({@code openedAfterProbe - openedAtProbe}) may have been seen by the reading as well, so the
 * count errs toward less headroom by up to that many; {@link #optimisticHeadroom} is the other end of the range.
 */
final class HeadroomState {
    final DestinationHeadroom view;
    final long openedAtProbe;
    /** Connections opened by the time the reading was done: at least {@code openedAtProbe}. */
    final long openedAfterProbe;
    final long probedAtNanos;
    /** Headroom below this many ports is critical (protect mode refuses); at least 1. */
    final int criticalPorts;

    HeadroomState(DestinationHeadroom view, long openedAtProbe, long openedAfterProbe, long probedAtNanos,
                  int criticalPorts) {
        this.view = view;
        this.openedAtProbe = openedAtProbe;
        this.openedAfterProbe = Math.max(openedAtProbe, openedAfterProbe);
        this.probedAtNanos = probedAtNanos;
        this.criticalPorts = criticalPorts;
    }

    boolean known() {
        return view.headroom() >= 0;
    }

    /** Headroom now, counting every connection opened since the probe as a port taken (never below 0). */
    long estimatedHeadroom(long openedNow) {
        return Math.max(0, view.headroom() - Math.max(0, openedNow - openedAtProbe));
    }

    /**
     * Headroom now if the reading saw every connection opened while it ran: more than {@link #estimatedHeadroom}
     * only when connections were opened during the reading.
     */
    long optimisticHeadroom(long openedNow) {
        return Math.max(0, view.headroom() - Math.max(0, openedNow - openedAfterProbe));
    }

    /** Ports held now, by the same count. */
    long estimatedHeld(long openedNow) {
        return view.portsHeld() + Math.max(0, openedNow - openedAtProbe);
    }
}
