package dev.portguard.core.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/** Totals toward one destination, whatever pool or site sent the traffic, and the addresses it resolved to. */
final class DestinationStats {
    /** Enough for a load-balanced name; more addresses are not remembered (counts are unaffected). */
    static final int MAX_ADDRESSES = 16;

    /** Site routes listed for headroom findings (which sites open most connections here); more are not listed. */
    static final int MAX_LISTED_ROUTES = 64;

    final String destination;
    final Counts counts = new Counts();
    final long createdNanos = System.nanoTime();
    /** The latest headroom reading toward this destination, set by the probe thread; hooks read it, one volatile read. */
    volatile HeadroomState headroom;
    /** The probe looked this destination's name up once, for a client that never reported an address. */
    volatile boolean resolveAttempted;
    /** Connect timeouts while local headroom was fine: possibly the node's SNAT running out. */
    final java.util.concurrent.atomic.LongAdder timeoutsWithHeadroom = new java.util.concurrent.atomic.LongAdder();
    /** Connects that failed with "Cannot assign requested address". */
    final java.util.concurrent.atomic.LongAdder addressUnavailable = new java.util.concurrent.atomic.LongAdder();
    /** New connections protect mode refused. */
    final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.CopyOnWriteArrayList<SiteRoute> routes =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile InetAddress[] addresses = new InetAddress[0];

    DestinationStats(String destination) {
        this.destination = destination;
    }

    /** Remembers {@code remote}'s address; true when it was new. */
    boolean addressSeen(InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return false;
        }
        InetAddress address = remote.getAddress();
        for (InetAddress known : addresses) {
            if (known.equals(address)) {
                return false; // the usual case: a read and out
            }
        }
        synchronized (this) {
            InetAddress[] current = addresses;
            if (current.length >= MAX_ADDRESSES || Arrays.asList(current).contains(address)) {
                return false;
            }
            InetAddress[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = address;
            addresses = grown;
            return true;
        }
    }

    /** Called once per new site route toward this destination (rare: one per site and destination). */
    void routeAdded(SiteRoute route) {
        if (routes.size() < MAX_LISTED_ROUTES) {
            routes.add(route);
        }
    }

    /** The site routes toward this destination, up to {@link #MAX_LISTED_ROUTES}. */
    List<SiteRoute> routes() {
        return routes;
    }

    /** The IP addresses connections to this destination went to, in the order first seen. */
    List<InetAddress> addresses() {
        return List.of(addresses);
    }
}
