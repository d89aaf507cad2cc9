package dev.portguard.core.internal.detect;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;

import java.util.Map;

/**
 * The general case: most requests from a site to a destination open a new connection, for a reason no more
 * specific detector names. The ledger runs it last and skips it where a specific finding was made. Connections
 * the pool needed to serve its peak concurrency are not held against it: 32 callers arriving at once rightly open
 * 32 connections.
 */
final class NewConnectionPerRequestDetector implements Detector {
    @Override
    public FindingType type() {
        return FindingType.NEW_CONNECTION_PER_REQUEST;
    }

    @Override
    public boolean applies(RouteView route, GuardConfig config) {
        RouteCounts c = route.counts();
        long requests = c.requests();
        return requests >= config.minRequests()
                && Evidence.ratio(Evidence.openedBeyondConcurrency(route), requests) > config.newConnectionRatio();
    }

    @Override
    public Finding describe(RaisedPoolFinding raised, GuardConfig config) {
        RouteCounts c = raised.route;
        Map<String, Object> evidence = Evidence.of(raised);
        evidence.put("connectionsPerRequest", Math.round(100 * Evidence.ratio(c.opened(), c.requests())) / 100.0);
        String message = c.opened() + " of " + c.requests() + " requests to " + raised.destination()
                + " opened a new TCP connection (" + Evidence.percent(c.opened(), c.requests())
                + "); each keeps a local port " + Evidence.portHold(raised.route) + " after it closes.";
        return new Finding(type(), raised.destination(), raised.site(), message,
                raised.kind.advice(type()), evidence);
    }
}
