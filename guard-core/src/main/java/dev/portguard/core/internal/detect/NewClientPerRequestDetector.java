package dev.portguard.core.internal.detect;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;

import java.util.Map;

/**
 * Many pools created at one site, each used for about one request. Both halves are needed: a factory that builds
 * ten long-lived clients at start-up creates many pools from one site too, but each serves many requests. The
 * question is asked of the pools, not of their number: of the pools that sent requests here, at most one in ten
 * sent a second one. Clients per tenant built on first use look like a client per request for the first few dozen
 * requests, until tenants come back; so the site must have sent twice {@code new.client.threshold} requests here
 * (and {@code min.requests}) before the question is asked.
 */
final class NewClientPerRequestDetector implements Detector {
    @Override
    public FindingType type() {
        return FindingType.NEW_CLIENT_PER_REQUEST;
    }

    @Override
    public boolean applies(RouteView route, GuardConfig config) {
        RouteCounts r = route.counts();
        if (!r.siteCreatesPoolsInBursts()) {
            return false;
        }
        long pools = r.poolsUsed();
        long requests = r.requests();
        long enough = Math.max(config.minRequests(), 2L * config.newClientThreshold());
        long servingMore = r.poolsServingMore();
        // A pool that came back is what clients kept per key show, and early on they show it only now and then:
        // with 50 tenants drawn at random, 20 requests bring at most one returning tenant in about one run in ten.
        // So once any pool came back, ask again only after three times the requests, when a cache shows its reuse
        // (at 60 requests, about 17 of 35 pools) and pools built per request still show almost none.
        if (servingMore > 0 && requests < 3 * enough) {
            return false;
        }
        return pools >= config.newClientThreshold()
                && requests >= enough
                && servingMore * 10 <= pools
                && Evidence.ratio(pools, requests) >= config.newConnectionRatio();
    }

    @Override
    public Finding describe(RaisedPoolFinding raised, GuardConfig config) {
        RouteCounts r = raised.route;
        long pools = r.poolsUsed();
        long requests = r.requests();
        Map<String, Object> evidence = Evidence.of(raised);
        evidence.put("poolsCreatedAtSite", r.poolsCreatedAtSite());
        evidence.put("poolsServingMoreThanOneRequest", r.poolsServingMore());
        evidence.put("windowSeconds", config.newClientWindow().toSeconds());
        String message = pools + " " + raised.kind.name() + " clients created at this site sent " + requests
                + " requests to " + raised.destination() + " and opened " + r.opened()
                + " connections: a new client, with its own connection pool, per request. Each connection keeps a"
                + " local port " + Evidence.portHold(r) + " after its client is dropped.";
        return new Finding(type(), raised.destination(), raised.site(), message,
                raised.kind.advice(type()), evidence);
    }
}
