package dev.portguard.core.internal.detect;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;

import java.util.Map;

/**
 * Connections opened per request, explained by keep-alive being off: {@code Connection: close} on most requests or
 * responses, or a pool configured to keep no idle connection.
 */
final class KeepAliveDisabledDetector implements Detector {
    @Override
    public FindingType type() {
        return FindingType.KEEP_ALIVE_DISABLED;
    }

    @Override
    public boolean applies(RouteView route, GuardConfig config) {
        RouteCounts c = route.counts();
        long requests = c.requests();
        if (requests < config.minRequests()
                || Evidence.ratio(Evidence.openedBeyondConcurrency(route), requests) < config.newConnectionRatio()) {
            return false;
        }
        return route.settings().maxIdle() == 0
                || Evidence.ratio(c.keepAliveRefusals(), requests) >= config.newConnectionRatio();
    }

    @Override
    public Finding describe(RaisedPoolFinding raised, GuardConfig config) {
        RouteCounts c = raised.route;
        long requests = c.requests();
        long requestCloses = c.requestCloses();
        long responseCloses = c.responseCloses();
        Map<String, Object> evidence = Evidence.of(raised);
        evidence.put("requestsWithConnectionClose", requestCloses);
        evidence.put("responsesWithConnectionClose", responseCloses);
        evidence.put("connectionsNotKept", c.notKept());
        evidence.put("poolMaxIdle", raised.settings.maxIdle());
        String why;
        if (raised.settings.maxIdle() == 0) {
            why = "the pool is configured to keep no idle connection, so each one is closed when its request ends";
        } else if (c.notKept() > requestCloses + responseCloses) {
            why = c.notKept() + " connections were given up after their exchange instead of going back to the pool"
                    + " ('Connection: close' on the request or the response, or a reuse strategy that keeps none)";
        } else if (requestCloses >= responseCloses) {
            why = requestCloses + " requests asked for 'Connection: close'";
        } else {
            why = responseCloses + " responses from the server carried 'Connection: close'";
        }
        String message = requests + " requests to " + raised.destination() + " opened " + c.opened()
                + " connections because keep-alive is off: " + why + ".";
        String advice = raised.kind.advice(type());
        if (raised.settings.maxIdle() != 0 && responseCloses > requestCloses) {
            advice = "The server closes each connection: enable keep-alive on the server or on the proxy in front"
                    + " of it (HTTP/1.1 persistent connections), or use HTTP/2.";
        }
        return new Finding(type(), raised.destination(), raised.site(), message, advice, evidence);
    }
}
