package dev.portguard.grpc.internal;

import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;

/** A channel's authority ({@code host}, {@code host:port}, {@code [v6]:port}) as the guard's destination. */
final class Authorities {
    /** What gRPC assumes when a target names no port. */
    static final int DEFAULT_PORT = 443;

    private Authorities() {
    }

    static PoolDestination destination(ClientPool pool, String authority) {
        if (authority == null || authority.isEmpty()) {
            return pool.destination("unknown", DEFAULT_PORT);
        }
        int colon = authority.lastIndexOf(':');
        boolean bracketed = authority.startsWith("[");
        boolean hasPort = colon > 0 && (bracketed ? authority.charAt(colon - 1) == ']'
                : authority.indexOf(':') == colon);
        if (!hasPort) {
            return pool.destination(authority, DEFAULT_PORT);
        }
        try {
            int port = Integer.parseInt(authority.substring(colon + 1));
            return pool.destination(authority.substring(0, colon), port);
        } catch (NumberFormatException e) {
            return pool.destination(authority.substring(0, colon), DEFAULT_PORT);
        }
    }
}
