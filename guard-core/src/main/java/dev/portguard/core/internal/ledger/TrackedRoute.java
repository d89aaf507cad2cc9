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

    TrackedRoute(TrackedPool pool, SiteRoute siteRoute) {
        this.pool = pool;
        this.siteRoute = siteRoute;
        this.detection = pool.detection;
        this.ports = pool.ports;
        this.poolCounts = pool.counts;
        this.siteCounts = siteRoute.counts;
        this.destinationCounts = siteRoute.destination.counts;
    }

    @Override
    public void requestStarted() {
        poolCounts.requests.increment();
        siteCounts.requests.increment();
        destinationCounts.requests.increment();
        long opened = siteCounts.opened();
        if (opened == siteRoute.evaluatedOpened) {
            return; // the healthy steady state: one volatile read and out
        }
        siteRoute.evaluatedOpened = opened;
        detection.openedMoved(this);
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
    public void connecting(java.net.InetSocketAddress remote) {
        if (siteRoute.destination.addressSeen(remote)) {
            ports.addressAdded();
        }
    }

    @Override
    public void connectionOpened() {
        poolCounts.opened.incrementAndGet();
        siteCounts.opened.incrementAndGet();
        destinationCounts.opened.incrementAndGet();
    }

    @Override
    public void connectionAcquired() {
        pool.acquired(); // concurrency is the pool's; reuse is counted from requests and opens
        destinationCounts.inUse.increment(); // leased connections per destination, for open-connection gauges
    }

    @Override
    public void connectionReleased() {
        pool.released();
        destinationCounts.inUse.decrement();
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
        try {
            ports.connectFailed(siteRoute.destination, failure, timedOut);
        } catch (RuntimeException e) {
            // the diagnosis is a courtesy: never let it replace the application's exception
        }
    }

    @Override
    public void keepAliveRefused(KeepAliveRefusal refusal) {
        if (refusal == KeepAliveRefusal.REQUEST) {
            poolCounts.requestCloses.increment();
            siteCounts.requestCloses.increment();
            destinationCounts.requestCloses.increment();
        } else {
            poolCounts.responseCloses.increment();
            siteCounts.responseCloses.increment();
            destinationCounts.responseCloses.increment();
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
