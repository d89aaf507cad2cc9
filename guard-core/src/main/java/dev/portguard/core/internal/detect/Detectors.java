package dev.portguard.core.internal.detect;

import dev.portguard.core.spi.Endpoints;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.internal.publish.Publisher;

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
        if (Endpoints.OTHER.equals(r.destination()) || Endpoints.OTHER.equals(r.site())) {
            // The overflow buckets mix destinations or sites: no one line or destination is at fault there.
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

    private void raise(Detector detector, RouteView route) {
        if (route.counts().markRaised(detector.type())) {
            publisher.raise(new RaisedPoolFinding(detector, route, config));
        }
    }
}
