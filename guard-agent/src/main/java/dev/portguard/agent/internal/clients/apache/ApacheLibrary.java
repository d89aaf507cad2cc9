package dev.portguard.agent.internal.clients.apache;

import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.core.spi.Protocol;

/**
 * What the agent needs to know of one Apache HttpClient generation, answered by a class linked against the
 * application's copy of it (through guard-httpclient5 for 5.x). Implementations never throw.
 */
public interface ApacheLibrary {
    /** The kind (the fix for each finding) of the manager the table names {@code client}. */
    ClientKind kind(String client);

    /** What {@code manager} is configured to keep, read once when its first request leases a connection. */
    PoolSettings settings(Object manager);

    /**
     * The counters toward the target of {@code route} (an {@code HttpRoute}, or for 5.x an {@code HttpHost}), or
     * null when it names none.
     */
    PoolDestination destination(ClientPool pool, Object route);

    /**
     * The protocol the connection of {@code poolEntry} (a {@code PoolEntry} an async endpoint holds) speaks, or null
     * while it is not connected. Only async clients can speak HTTP/2; classic ones always speak HTTP/1.1.
     */
    Protocol protocol(Object poolEntry);

    /**
     * What an HTTP/2-only connection to {@code routeOrHost} (an {@code HttpRoute} or {@code HttpHost}) speaks:
     * {@code h2} when secure, else {@code h2c}; null when unknown or this generation has no such client.
     */
    default Protocol http2Protocol(Object routeOrHost) {
        return null;
    }

    /** The connection a pool entry holds now, or null when it holds none (or this generation pools otherwise). */
    default Object connectionOf(Object poolEntry) {
        return null;
    }

    /** Whether {@code connection} (one {@link #connectionOf} gave) is still open; true when it cannot tell. */
    default boolean isOpen(Object connection) {
        return true;
    }

    /**
     * Whether {@code response} tells the client the server closes the connection after it ({@code Connection:
     * close}, or HTTP/1.0 without keep-alive).
     */
    default boolean serverCloses(Object response) {
        return false;
    }
}
