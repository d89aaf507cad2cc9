package dev.portguard.core.internal;

import dev.portguard.core.FindingType;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Traffic from one site's pools to one destination: the unit findings are made for and reported once. */
final class SiteRoute {
    final SiteStats site;
    final DestinationStats destination;
    final Counts counts = new Counts();
    /** How many distinct pools of this site sent requests here. */
    final AtomicLong poolsUsed = new AtomicLong();
    /** {@code opened} when detectors last looked; they look again only when it moved. */
    volatile long evaluatedOpened = -1;
    private final AtomicInteger raised = new AtomicInteger();

    SiteRoute(SiteStats site, DestinationStats destination) {
        this.site = site;
        this.destination = destination;
        destination.routeAdded(this);
    }

    void reset() {
        counts.reset();
        poolsUsed.set(0);
        raised.set(0);
        evaluatedOpened = -1;
    }

    boolean hasRaised(FindingType type) {
        return (raised.get() & (1 << type.ordinal())) != 0;
    }

    /** True for the one caller that marks {@code type} raised here first. */
    boolean markRaised(FindingType type) {
        int bit = 1 << type.ordinal();
        while (true) {
            int current = raised.get();
            if ((current & bit) != 0) {
                return false;
            }
            if (raised.compareAndSet(current, current | bit)) {
                return true;
            }
        }
    }
}
