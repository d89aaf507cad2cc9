package dev.portguard.core.internal.headroom;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the headroom stage keeps about one destination: the latest reading, which hooks read in one volatile read,
 * and its own counters. The ledger holds one per destination for the hooks' sake and never looks inside.
 */
public final class PortState {
    /** The latest headroom reading toward this destination, set by the probe thread. */
    volatile HeadroomState headroom;
    /** The probe looked this destination's name up once, for a client that never reported an address. */
    volatile boolean resolveAttempted;
    /** Connect timeouts while local headroom was fine: possibly the node's SNAT running out. */
    final LongAdder timeoutsWithHeadroom = new LongAdder();
    /** Connects that failed with "Cannot assign requested address". */
    final LongAdder addressUnavailable = new LongAdder();
    /** New connections protect mode refused. */
    final LongAdder refused = new LongAdder();

    /**
     * Seconds a closed connection keeps its port toward this destination, as the latest reading found it; -1 before
     * any reading.
     */
    public double holdSeconds() {
        HeadroomState s = headroom;
        return s == null ? -1 : s.view.holdSeconds();
    }

    /** The latest reading of this destination's headroom, or {@code null} before any. */
    public dev.portguard.core.headroom.DestinationHeadroom reading() {
        HeadroomState s = headroom;
        return s == null ? null : s.view;
    }

    /** Connect timeouts while the local headroom toward this destination was fine. */
    public long timeoutsWithHeadroom() {
        return timeoutsWithHeadroom.sum();
    }
}
