package dev.portguard.core.internal.ledger;

import dev.portguard.core.internal.headroom.WatchedDestination;

import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The ledger's traffic as metrics see it: the live counter objects, not copies, so a meter registered once reads
 * the counts of the moment at every scrape. Listing allocates; reading a counter does not.
 */
public final class TrafficView {
    /**
     * The clients whose hooks report every lease, release and close, so the ledger's open and leased connections
     * are what the pool holds: OkHttp (its event listener and sockets), Apache HttpClient 5 (its connection
     * manager). The JDK's clients and Apache HttpClient 4 under the agent do not report all of them.
     */
    public static final Set<String> TELLS_CONNECTION_STATE = Set.of("okhttp", "httpclient5-classic",
            "httpclient5-async");

    private TrafficView() {
    }

    /**
     * One destination and its totals.
     *
     * @param tellsConnectionState every pool sending traffic here reports leases and closes (OkHttp, Apache
     *                             HttpClient 5), so open and leased connections are known, not guessed
     */
    public record Destination(String destination, TrafficCounts counts, WatchedDestination watched,
                              boolean tellsConnectionState) {
    }

    /** One site that creates client pools: how many it created, of which client. */
    public record Site(String site, String kind, LongSupplier poolsCreated, List<Route> routes) {
    }

    /** Traffic from one site's pools to one destination. */
    public record Route(String site, String destination, TrafficCounts counts) {
    }
}
