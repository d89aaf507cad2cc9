package dev.portguard.core.internal.ledger;

import dev.portguard.core.internal.headroom.PortState;
import dev.portguard.core.internal.headroom.WatchedDestination;
import dev.portguard.core.spi.Endpoints;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Totals toward one destination, whatever pool or site sent the traffic, and the addresses it resolved to. */
final class DestinationStats implements WatchedDestination {
    /** Enough for a load-balanced name; more addresses are not remembered (counts are unaffected). */
    static final int MAX_ADDRESSES = 16;

    /** Site routes listed for headroom findings (which sites open most connections here); more are not listed. */
    static final int MAX_LISTED_ROUTES = 64;

    final String destination;
    final Counts counts = new Counts();
    private final long createdNanos = System.nanoTime();
    /** The headroom stage's state for this destination, kept here so hooks reach it without a lookup. */
    private final PortState ports = new PortState();
    private final CopyOnWriteArrayList<SiteRoute> routes = new CopyOnWriteArrayList<>();
    private volatile InetAddress[] addresses = new InetAddress[0];
    /** The protocols connections here spoke, one bit per {@link Protocol} ordinal. */
    private final java.util.concurrent.atomic.AtomicInteger protocols = new java.util.concurrent.atomic.AtomicInteger();

    DestinationStats(String destination) {
        this.destination = destination;
    }

    @Override
    public String destination() {
        return destination;
    }

    @Override
    public boolean overflow() {
        return Endpoints.OTHER.equals(destination);
    }

    @Override
    public long createdNanos() {
        return createdNanos;
    }

    @Override
    public long opened() {
        return counts.opened();
    }

    @Override
    public long closed() {
        return counts.closed();
    }

    @Override
    public long closedByClient() {
        return counts.closedByClient();
    }

    @Override
    public long connectTimeouts() {
        return counts.connectTimeouts();
    }

    @Override
    public PortState ports() {
        return ports;
    }

    /** Remembers {@code remote}'s address; true when it was new. */
    @Override
    public boolean addressSeen(InetSocketAddress remote) {
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

    /** Cheap when already known: a read, no write. */
    void protocolUsed(dev.portguard.core.spi.Protocol protocol) {
        int bit = 1 << protocol.ordinal();
        if ((protocols.get() & bit) == 0) {
            protocols.getAndUpdate(p -> p | bit);
        }
    }

    /** The ALPN names of the protocols seen here, in the enum's order. */
    List<String> protocols() {
        int mask = protocols.get();
        List<String> ids = new java.util.ArrayList<>(2);
        for (dev.portguard.core.spi.Protocol p : dev.portguard.core.spi.Protocol.values()) {
            if ((mask & (1 << p.ordinal())) != 0) {
                ids.add(p.id());
            }
        }
        return List.copyOf(ids);
    }

    /** The site routes toward this destination, up to {@link #MAX_LISTED_ROUTES}. */
    @Override
    public List<SiteRoute> routes() {
        return routes;
    }

    /** The IP addresses connections to this destination went to, in the order first seen. */
    @Override
    public List<InetAddress> addresses() {
        return List.of(addresses);
    }
}
