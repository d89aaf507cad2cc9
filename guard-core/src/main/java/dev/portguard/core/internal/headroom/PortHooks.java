package dev.portguard.core.internal.headroom;

import dev.portguard.core.PortBudgetExceededException;

/** The ledger's calls into the headroom stage, made from hooks on the application's threads. */
public interface PortHooks {
    /** A pool was created: the probe thread starts with the first. */
    void poolCreated();

    /** Protect mode's check before a new connect; throws only in {@code protect=enforce}. */
    void beforeConnect(WatchedDestination destination) throws PortBudgetExceededException;

    /** The same check without {@code protect.wait}: for a connect on an event loop, which must never wait. */
    default void beforeConnectWithoutWaiting(WatchedDestination destination) throws PortBudgetExceededException {
        beforeConnect(destination);
    }

    /** A destination went to an address not seen before. */
    void addressAdded();

    /** After a connect failed: counts it and, when no local port was left, attaches the diagnosis. */
    void connectFailed(WatchedDestination destination, Throwable failure, boolean timedOut);
}
