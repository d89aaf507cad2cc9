package dev.portguard.core.internal.headroom;

/** The destinations counted so far, read-only: all the headroom stage knows of the ledger. */
@FunctionalInterface
public interface DestinationDirectory {
    /** Every destination, the overflow bucket included; safe to iterate while hooks add more. */
    Iterable<? extends WatchedDestination> destinations();
}
