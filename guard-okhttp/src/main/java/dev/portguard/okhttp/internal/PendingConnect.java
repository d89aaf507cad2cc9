package dev.portguard.okhttp.internal;

import dev.portguard.core.spi.PoolDestination;

/**
 * Hands the destination from {@code connectStart} to the socket OkHttp connects right after, on the same thread,
 * so the socket can report its close against the right destination.
 */
final class PendingConnect {
    private static final ThreadLocal<PoolDestination> PENDING = new ThreadLocal<>();

    private PendingConnect() {
    }

    static void set(PoolDestination destination) {
        PENDING.set(destination);
    }

    static PoolDestination take() {
        PoolDestination d = PENDING.get();
        if (d != null) {
            PENDING.remove();
        }
        return d;
    }

    static void clear() {
        if (PENDING.get() != null) {
            PENDING.remove();
        }
    }
}
