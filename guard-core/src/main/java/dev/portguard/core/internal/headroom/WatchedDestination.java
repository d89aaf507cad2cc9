package dev.portguard.core.internal.headroom;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** One destination as the headroom stage reads it: its totals, where it went, and who sends to it. */
public interface WatchedDestination {
    /** {@code host:port}, or the overflow bucket's name. */
    String destination();

    /** The bucket for destinations past the cap: it has no address and no headroom of its own. */
    boolean overflow();

    long createdNanos();

    long opened();

    long closed();

    long closedByClient();

    long connectTimeouts();

    /** The IP addresses connections went to, in the order first seen. */
    List<InetAddress> addresses();

    /** Remembers an address found by looking the name up; true when it was new. */
    boolean addressSeen(InetSocketAddress remote);

    /** The site routes sending to it (bounded). */
    List<? extends WatchedRoute> routes();

    PortState ports();
}
