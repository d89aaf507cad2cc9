package dev.portguard.core;

/**
 * What the guard counted toward one {@code host:port}, from every guarded client in the process.
 *
 * @param destination               {@code host:port}, or {@code (other)} for the overflow bucket
 * @param requests                  requests started
 * @param connectionsOpened         new TCP connections established
 * @param connectionsReused         requests served on a connection taken from a pool
 * @param connectionsClosed         connections closed, by either side
 * @param connectionsClosedByClient connections this process closed first (its side keeps the TIME_WAIT)
 * @param connectFailures           connect attempts that failed
 * @param connectTimeouts           of those, connect attempts that timed out
 * @param keepAliveRefusals         requests and responses that carried {@code Connection: close}
 * @param protocols                 the protocols its connections spoke, by ALPN name ({@code http/1.1}, {@code h2},
 *                                  {@code h2c}), where the client tells; empty when none did
 */
public record DestinationCounts(String destination, long requests, long connectionsOpened, long connectionsReused,
                                long connectionsClosed, long connectionsClosedByClient, long connectFailures,
                                long connectTimeouts, long keepAliveRefusals, java.util.List<String> protocols) {
    public DestinationCounts {
        protocols = protocols == null ? java.util.List.of() : java.util.List.copyOf(protocols);
    }

    /** Counts from a client that does not say which protocol its connections spoke. */
    public DestinationCounts(String destination, long requests, long connectionsOpened, long connectionsReused,
                             long connectionsClosed, long connectionsClosedByClient, long connectFailures,
                             long connectTimeouts, long keepAliveRefusals) {
        this(destination, requests, connectionsOpened, connectionsReused, connectionsClosed,
                connectionsClosedByClient, connectFailures, connectTimeouts, keepAliveRefusals, java.util.List.of());
    }
}
