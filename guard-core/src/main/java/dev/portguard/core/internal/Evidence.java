package dev.portguard.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The counts every finding shows, so all findings read alike; detectors add their own after them. */
final class Evidence {
    private Evidence() {
    }

    static Map<String, Object> of(RaisedFinding raised) {
        Counts c = raised.route.counts;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("requests", c.requests());
        evidence.put("connectionsOpened", c.opened());
        evidence.put("connectionsReused", c.reused());
        evidence.put("connectionsClosed", c.closed.sum());
        evidence.put("poolsUsed", raised.route.poolsUsed.get());
        evidence.put("client", raised.kind.name());
        return evidence;
    }

    /**
     * Connections opened beyond what the pool's peak concurrency needed. A burst of N callers on a cold pool opens
     * N connections, each needed; only opens past that are signs of connections not being kept.
     */
    static long openedBeyondConcurrency(TrackedRoute route) {
        return route.siteRoute.counts.opened() - Math.max(1, route.pool.peakInUse.get());
    }

    static double ratio(long part, long whole) {
        return whole <= 0 ? 0 : (double) part / whole;
    }

    static String percent(long part, long whole) {
        return Math.round(100 * ratio(part, whole)) + "%";
    }
}
