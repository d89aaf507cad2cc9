package dev.portguard.core.internal.ledger;

import dev.portguard.core.internal.detect.Detection;
import dev.portguard.core.internal.detect.RouteCounts;
import dev.portguard.core.internal.detect.RouteView;
import dev.portguard.core.internal.headroom.PortHooks;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.ConnectFailures;
import dev.portguard.core.spi.KeepAliveRefusal;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;

import java.util.function.IntSupplier;

/**
 * One pool's traffic to one destination. Each counted event bumps the pool's, the site's and the destination's
 * counters: three increments on objects resolved once, no allocation, no lock. Detection and the headroom
 * stage are each one call away, through their own small interfaces.
 */
final class TrackedRoute implements PoolDestination, RouteView {
    final TrackedPool pool;
    final SiteRoute siteRoute;
    private final Detection detection;
    private final PortHooks ports;
    private final Counts poolCounts;
    private final Counts siteCounts;
    private final Counts destinationCounts;
    /** Requests this pool sent here, counted only up to 2: past that, one volatile read per request. */
    private final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    private final LeaseTracking leaseTracking;
    private LeaseTable leaseTable; // a benign race: every thread resolves the same table

    TrackedRoute(TrackedPool pool, SiteRoute siteRoute) {
        this.pool = pool;
        this.siteRoute = siteRoute;
        this.detection = pool.detection;
        this.ports = pool.ports;
        this.poolCounts = pool.counts;
        this.siteCounts = siteRoute.counts;
        this.destinationCounts = siteRoute.destination.counts;
        this.leaseTracking = pool.leases;
    }

    @Override
    public void requestStarted() {
        poolCounts.requests.increment();
        siteCounts.requests.increment();
        destinationCounts.requests.increment();
        if (served.get() < 2 && served.incrementAndGet() == 2) {
            siteRoute.poolsServingMore.incrementAndGet(); // once per pool and destination
        }
        judgeIfOpenedMoved();
    }

    @Override
    public void beforeConnect() throws dev.portguard.core.PortBudgetExceededException {
        try {
            ports.beforeConnect(siteRoute.destination);
        } catch (RuntimeException e) {
            // protect mode's own failure never stops a connect; only its deliberate refusal does
        }
    }

    @Override
    public void beforeConnectWithoutWaiting() throws dev.portguard.core.PortBudgetExceededException {
        try {
            ports.beforeConnectWithoutWaiting(siteRoute.destination);
        } catch (RuntimeException e) {
            // protect mode's own failure never stops a connect; only its deliberate refusal does
        }
    }

    @Override
    public void connecting(java.net.InetSocketAddress remote) {
        if (siteRoute.destination.addressSeen(remote)) {
            ports.addressAdded();
        }
    }

    /**
     * Counted only: the route is judged at the next request (see {@link #judgeIfOpenedMoved}); strict mode judges
     * there too, so that it can refuse the call, and its exception counts the connections opened before that call.
     */
    @Override
    public void connectionOpened() {
        poolCounts.opened.incrementAndGet();
        siteCounts.opened.incrementAndGet();
        destinationCounts.opened.incrementAndGet();
    }

    /**
     * A route is judged at the first request after its connections opened moved: by then the pool has shown the
     * concurrency and the closes the opens came with, which judging at the open itself would not yet see (a pool
     * churning under bursts would be taken for a client opening a connection per request). One volatile read when
     * nothing opened since the last look. Only strict mode throws, and only before the call is sent, so the refused
     * call is not counted (no server sees it); outside strict mode judging never fails the application's call.
     */
    private void judgeIfOpenedMoved() {
        long opened = siteCounts.opened();
        if (opened == siteRoute.evaluatedOpened) {
            return; // the healthy steady state
        }
        siteRoute.evaluatedOpened = opened;
        siteRoute.openSeen(System.nanoTime());
        try {
            detection.openedMoved(this);
        } catch (dev.portguard.core.PoolMisuseException strict) {
            poolCounts.requests.decrement();
            siteCounts.requests.decrement();
            destinationCounts.requests.decrement();
            throw strict;
        } catch (RuntimeException e) {
            // judging is the guard's business: never let it fail the application's call
        }
    }

    @Override
    public void connectionAcquired() {
        // Concurrency is the pool's; reuse is counted from requests and opens. A rise of the peak is what this site
        // needed toward here, so many small pools of one site are judged by their sum.
        if (pool.acquired()) {
            siteRoute.concurrencyNeeded.incrementAndGet();
        }
        siteRoute.site.acquired();
        destinationCounts.inUse.increment(); // leased connections per destination, for open-connection gauges
    }

    @Override
    public void connectionReleased() {
        pool.released();
        siteRoute.site.released();
        destinationCounts.inUse.decrement();
        exchangeEnded();
    }

    /** Announces a finding this route's last requests raised, now that their connections are counted. */
    private void exchangeEnded() {
        if (siteRoute.announcementWaiting) {
            siteRoute.announcementWaiting = false;
            try {
                detection.exchangeEnded(siteRoute);
            } catch (RuntimeException e) {
                // announcing failed; the finding is booked and the next snapshot announces it
            }
        }
    }

    @Override
    public void connectionAcquired(Object lease) {
        connectionAcquired();
        leaseStarted(lease);
    }

    @Override
    public void leaseStarted(Object lease) {
        LeaseTable table = leases();
        if (table != null && lease != null) {
            table.acquired(lease);
        }
    }

    @Override
    public void connectionReleased(Object lease) {
        connectionReleased();
        LeaseTable table = leases();
        if (table != null && lease != null) {
            table.released(lease);
        }
    }

    @Override
    public void leaseEnded(Object lease) {
        LeaseTable table = leases();
        if (table != null && lease != null) {
            table.released(lease);
        }
    }

    @Override
    public void leaseProgressed(Object lease) {
        LeaseTable table = leases();
        if (table != null && lease != null) {
            table.progressed(lease);
        }
    }

    /** This route's lease table (resolved once, then a field read), or {@code null} when leaks are not tracked. */
    private LeaseTable leases() {
        LeaseTable table = leaseTable;
        if (table == null && leaseTracking != null) {
            table = siteRoute.leases(leaseTracking);
            leaseTable = table;
        }
        return table;
    }

    @Override
    public void connectionClosed(ClosedBy closedBy) {
        poolCounts.closed.increment();
        siteCounts.closed.increment();
        destinationCounts.closed.increment();
        if (closedBy == ClosedBy.CLIENT) {
            poolCounts.closedByClient.increment();
            siteCounts.closedByClient.increment();
            destinationCounts.closedByClient.increment();
        }
    }

    @Override
    public void connectFailed(Throwable failure) {
        poolCounts.connectFailures.increment();
        siteCounts.connectFailures.increment();
        destinationCounts.connectFailures.increment();
        boolean timedOut = ConnectFailures.isConnectTimeout(failure);
        if (timedOut) {
            poolCounts.connectTimeouts.increment();
            siteCounts.connectTimeouts.increment();
            destinationCounts.connectTimeouts.increment();
        }
        exchangeEnded();
        try {
            ports.connectFailed(siteRoute.destination, failure, timedOut);
        } catch (RuntimeException e) {
            // the diagnosis is a courtesy: never let it replace the application's exception
        }
    }

    @Override
    public void protocolUsed(dev.portguard.core.spi.Protocol protocol) {
        if (protocol != null) {
            siteRoute.destination.protocolUsed(protocol);
        }
    }

    @Override
    public void keepAliveRefused(KeepAliveRefusal refusal) {
        if (refusal == KeepAliveRefusal.REQUEST) {
            poolCounts.requestCloses.increment();
            siteCounts.requestCloses.increment();
            destinationCounts.requestCloses.increment();
        } else if (refusal == KeepAliveRefusal.RESPONSE) {
            poolCounts.responseCloses.increment();
            siteCounts.responseCloses.increment();
            destinationCounts.responseCloses.increment();
        } else {
            poolCounts.notKept.increment();
            siteCounts.notKept.increment();
            destinationCounts.notKept.increment();
        }
    }

    @Override
    public String destination() {
        return siteRoute.destination.destination;
    }

    @Override
    public RouteCounts counts() {
        return siteRoute;
    }

    @Override
    public ClientKind kind() {
        return pool.kind;
    }

    @Override
    public PoolSettings settings() {
        return pool.settings;
    }

    @Override
    public int peakInUse() {
        return pool.peakInUse.get();
    }

    @Override
    public IntSupplier peakInUseGauge() {
        return pool.peakInUse::get;
    }
}
