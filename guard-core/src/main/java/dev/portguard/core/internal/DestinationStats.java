package dev.portguard.core.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/** Totals toward one destination, whatever pool or site sent the traffic, and the addresses it resolved to. */
final class DestinationStats {
    /** Enough for a load-balanced name; more addresses are not remembered (counts are unaffected). */
    static final int MAX_ADDRESSES = 16;

    final String destination;
    final Counts counts = new Counts();
    private volatile InetAddress[] addresses = new InetAddress[0];

    DestinationStats(String destination) {
        this.destination = destination;
    }

    void addressSeen(InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return;
        }
        InetAddress address = remote.getAddress();
        for (InetAddress known : addresses) {
            if (known.equals(address)) {
                return; // the usual case: a read and out
            }
        }
        synchronized (this) {
            InetAddress[] current = addresses;
            if (current.length >= MAX_ADDRESSES || Arrays.asList(current).contains(address)) {
                return;
            }
            InetAddress[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = address;
            addresses = grown;
        }
    }

    /** The IP addresses connections to this destination went to, in the order first seen. */
    List<InetAddress> addresses() {
        return List.of(addresses);
    }
}
