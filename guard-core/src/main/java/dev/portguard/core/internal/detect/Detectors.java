package dev.portguard.core.internal.detect;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.internal.publish.Publisher;
import dev.portguard.core.spi.Endpoints;

import java.util.List;

/**
 * The detectors in their one order, most specific first: the first that applies names the cause, the general one
 * runs only when none did, and a route gets one cause at most, which keeps reports quiet and to the point.
 */
public final class Detectors implements Detection {
    private static final List<Detector> SPECIFIC = List.of(
            new NewClientPerRequestDetector(), new KeepAliveDisabledDetector(), new ServerClosesIdleDetector(),
            new PoolChurnDetector());
    private static final Detector GENERAL = new NewConnectionPerRequestDetector();

    private final GuardConfig config;
    private final Publisher publisher;

    public Detectors(GuardConfig config, Publisher publisher) {
        this.config = config;
        this.publisher = publisher;
    }

    @Override
    public void openedMoved(RouteView route) {
        RouteCounts r = route.counts();
        if (overflow(r)) {
            return;
        }
        for (Detector d : SPECIFIC) {
            if (r.hasRaised(d.type())) {
                return;
            }
        }
        if (r.hasRaised(GENERAL.type())) {
            return;
        }
        for (Detector d : SPECIFIC) {
            if (d.applies(route, config)) {
                raise(d, route);
                return;
            }
        }
        if (GENERAL.applies(route, config)) {
            raise(GENERAL, route);
        }
    }

    /**
     * The buckets past the caps mix many destinations or sites: their sums say nothing about any one of them (a
     * client that calls 2,000 hosts once each opens 2,000 connections, rightly), so they never get a finding.
     */
    private static boolean overflow(RouteCounts route) {
        return Endpoints.OTHER.equals(route.destination()) || Endpoints.OTHER.equals(route.site());
    }

    private void raise(Detector detector, RouteView route) {
        RouteCounts counts = route.counts();
        if (counts.markRaised(detector.type())
                && publisher.raiseAtExchangeEnd(new RaisedPoolFinding(detector, route, config))) {
            counts.markAnnouncementWaiting();
        }
    }

    @Override
    public void exchangeEnded(RouteCounts route) {
        publisher.exchangeEnded(route);
    }
}
