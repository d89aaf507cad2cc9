package dev.portguard.core.internal.ledger;

import dev.portguard.core.FindingType;
import dev.portguard.core.internal.detect.RouteCounts;
import dev.portguard.core.internal.headroom.WatchedRoute;
import dev.portguard.core.spi.ClientKind;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Traffic from one site's pools to one destination: the unit findings are made for and reported once. */
final class SiteRoute implements RouteCounts, WatchedRoute {
    final SiteStats site;
    final DestinationStats destination;
    final Counts counts = new Counts();
    /** How many distinct pools of this site sent requests here. */
    final AtomicLong poolsUsed = new AtomicLong();
    /** Pools of this site that sent a second request here. */
    final AtomicLong poolsServingMore = new AtomicLong();
    /** The sum of this site's pools' rises in peak concurrency while acquiring toward here. */
    final AtomicLong concurrencyNeeded = new AtomicLong();
    // Timing of the requests that found the connections opened moved; written on that slow path only, with benign
    // races (they are statistics for a finding's evidence, not counts).
    private volatile long lastOpenSeenNanos;
    private volatile long openGaps;
    private volatile long shortestOpenGapNanos = Long.MAX_VALUE;
    private volatile long openGapNanosTotal;
    /** {@code opened} when detectors last looked; they look again only when it moved. */
    volatile long evaluatedOpened = -1;
    private final AtomicInteger raised = new AtomicInteger();
    /** Set when a finding's announcement waits for an exchange to end; read on every release (one volatile read). */
    volatile boolean announcementWaiting;

    SiteRoute(SiteStats site, DestinationStats destination) {
        this.site = site;
        this.destination = destination;
        destination.routeAdded(this);
    }

    void reset() {
        counts.reset();
        poolsUsed.set(0);
        poolsServingMore.set(0);
        concurrencyNeeded.set(0);
        lastOpenSeenNanos = 0;
        openGaps = 0;
        shortestOpenGapNanos = Long.MAX_VALUE;
        openGapNanosTotal = 0;
        raised.set(0);
        evaluatedOpened = -1;
    }

    @Override
    public String destination() {
        return destination.destination;
    }

    @Override
    public String site() {
        return site.site;
    }

    @Override
    public ClientKind kind() {
        return site.kind;
    }

    @Override
    public long requests() {
        return counts.requests();
    }

    @Override
    public long opened() {
        return counts.opened();
    }

    @Override
    public long reused() {
        return counts.reused();
    }

    @Override
    public long closed() {
        return counts.closed();
    }

    @Override
    public long requestCloses() {
        return counts.requestCloses();
    }

    @Override
    public long responseCloses() {
        return counts.responseCloses();
    }

    @Override
    public long notKept() {
        return counts.notKept();
    }

    @Override
    public long keepAliveRefusals() {
        return counts.keepAliveRefusals();
    }

    @Override
    public long poolsUsed() {
        return poolsUsed.get();
    }

    @Override
    public long poolsServingMore() {
        return poolsServingMore.get();
    }

    @Override
    public long concurrencyNeeded() {
        return concurrencyNeeded.get();
    }

    /** A request found the connections opened moved: note how long after the previous such request it came. */
    void openSeen(long nowNanos) {
        long last = lastOpenSeenNanos;
        lastOpenSeenNanos = nowNanos;
        if (last == 0) {
            return;
        }
        long gap = nowNanos - last;
        openGaps++;
        openGapNanosTotal += gap;
        if (gap < shortestOpenGapNanos) {
            shortestOpenGapNanos = gap;
        }
    }

    @Override
    public long openGaps() {
        return openGaps;
    }

    @Override
    public long shortestOpenGapNanos() {
        return shortestOpenGapNanos;
    }

    @Override
    public long openGapNanosTotal() {
        return openGapNanosTotal;
    }

    @Override
    public long poolsCreatedAtSite() {
        return site.poolsCreated.get();
    }

    @Override
    public boolean siteCreatesPoolsInBursts() {
        return site.createsPoolsInBursts;
    }

    @Override
    public double holdSeconds() {
        return destination.ports().holdSeconds();
    }

    @Override
    public boolean hasRaised(FindingType type) {
        return (raised.get() & (1 << type.ordinal())) != 0;
    }

    @Override
    public void markAnnouncementWaiting() {
        announcementWaiting = true;
    }

    @Override
    public boolean markRaised(FindingType type) {
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
