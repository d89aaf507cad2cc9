package dev.portguard.core.internal.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/** The counts every finding shows, so all findings read alike; detectors add their own after them. */
final class Evidence {
    private Evidence() {
    }

    static Map<String, Object> of(RaisedPoolFinding raised) {
        RouteCounts c = raised.route;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("requests", c.requests());
        evidence.put("connectionsOpened", c.opened());
        evidence.put("connectionsReused", c.reused());
        evidence.put("connectionsClosed", c.closed());
        evidence.put("poolsUsed", raised.route.poolsUsed());
        evidence.put("client", raised.kind.name());
        return evidence;
    }

    /**
     * Connections opened beyond what the pool's peak concurrency needed. A burst of N callers on a cold pool opens
     * N connections, each needed; only opens past that are signs of connections not being kept.
     */
    static long openedBeyondConcurrency(RouteView route) {
        return route.counts().opened() - Math.max(1, route.peakInUse());
    }

    /**
     * How long a closed connection keeps its local port toward the route's destination, in words: this host's hold
     * as the probe read it, or the kernel's default when no reading has covered the destination yet.
     */
    static String portHold(RouteCounts route) {
        double hold = route.holdSeconds();
        if (hold <= 0) {
            return "in TIME_WAIT (" + dev.portguard.core.headroom.TimeWaitSettings.TIME_WAIT_SECONDS
                    + " s on a default Linux kernel)";
        }
        String seconds = hold == Math.rint(hold) ? Long.toString((long) hold) : Double.toString(hold);
        return "for " + seconds + " s (this host's TIME_WAIT hold)";
    }

    static double ratio(long part, long whole) {
        return whole <= 0 ? 0 : (double) part / whole;
    }

    static String percent(long part, long whole) {
        return Math.round(100 * ratio(part, whole)) + "%";
    }
}
