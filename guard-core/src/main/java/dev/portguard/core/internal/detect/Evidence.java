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
     * Connections opened beyond what concurrency needed. A burst of N callers on a cold pool opens N connections,
     * each needed; only opens past that are signs of connections not being kept. What was needed is the most of:
     * the site's pools' peak concurrency summed (a dozen clients used in turn need a connection each), this pool's
     * own peak, and the idle connections the pool is made to keep (the JVM's keep-alive cache sized to its callers
     * with {@code http.maxConnections}: a client that cannot tell how many requests hold a connection at once).
     */
    static long openedBeyondConcurrency(RouteView route) {
        long needed = Math.max(1, Math.max(route.peakInUse(), route.counts().concurrencyNeeded()));
        needed = Math.max(needed, route.settings().maxIdle());
        return route.counts().opened() - needed;
    }

    /** Seconds, to one decimal, for a message. */
    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
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
