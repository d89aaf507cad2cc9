package dev.portguard.core.internal.detect;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.spi.PoolSettings;

import java.util.Map;

/**
 * A shared pool that keeps fewer idle connections than its callers use at once: when a burst of calls ends it
 * closes the surplus, and the next burst opens them again. Flagged when the pool's peak concurrency exceeded
 * its idle limit and it has opened at least twice that peak, at a rate above {@code pool.churn.ratio}.
 *
 * <p>A pool with a hard cap on connections (Apache's {@code maxTotal}) never lets concurrency pass the cap:
 * callers wait instead, and a full pool closes idle connections of one destination to open connections to
 * another. There, concurrency that reached the cap is what the surplus is for an uncapped pool.
 */
final class PoolChurnDetector implements Detector {
    @Override
    public FindingType type() {
        return FindingType.POOL_CHURN;
    }

    @Override
    public boolean applies(RouteView route, GuardConfig config) {
        int maxIdle = route.settings().maxIdle();
        if (maxIdle <= 0) {
            return false; // unknown, or keep-alive off: another detector's case
        }
        int peak = route.peakInUse();
        RouteCounts c = route.counts();
        long requests = c.requests();
        long opened = c.opened();
        return (peak > maxIdle || saturated(route.settings(), peak))
                && requests >= config.minRequests()
                && opened >= 2L * peak
                && Evidence.ratio(opened, requests) >= config.poolChurnRatio();
    }

    /** A capped pool whose callers held every connection it allows at once. */
    private static boolean saturated(PoolSettings settings, int peak) {
        return settings.maxTotal() > 0 && peak >= settings.maxTotal();
    }

    @Override
    public Finding describe(RaisedPoolFinding raised, GuardConfig config) {
        RouteCounts c = raised.route;
        PoolSettings s = raised.settings;
        int peak = raised.peakInUse.getAsInt();
        Map<String, Object> evidence = Evidence.of(raised);
        evidence.put("poolMaxIdle", s.maxIdle());
        evidence.put("peakConcurrentRequests", peak);
        String message;
        if (peak <= s.maxIdle() && saturated(s, peak)) {
            evidence.put("poolMaxTotal", s.maxTotal());
            message = "The pool holds at most " + s.maxTotal() + " connections and its callers used all of them at"
                    + " once; it opened " + c.opened() + " connections for " + c.requests() + " requests to "
                    + raised.destination() + " (" + Evidence.percent(c.opened(), c.requests())
                    + "), closing idle connections to make room for others and opening them again.";
            return new Finding(type(), raised.destination(), raised.site(), message,
                    raised.kind.advice(type()), evidence);
        }
        message = "The pool keeps " + s.maxIdle() + " idle connections but up to " + peak
                + " requests used it at once; it opened " + c.opened() + " connections for " + c.requests()
                + " requests to " + raised.destination() + " (" + Evidence.percent(c.opened(), c.requests())
                + "), closing the surplus after each burst and opening it again.";
        return new Finding(type(), raised.destination(), raised.site(), message,
                raised.kind.advice(type()), evidence);
    }
}
