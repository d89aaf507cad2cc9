package dev.portguard.core.internal.ledger;

/**
 * The counters of a destination or a (site, destination) pair, read where they are kept: for metrics, which read
 * each one at scrape time. Each call is a sum of a few cells; none allocates.
 */
public interface TrafficCounts {
    long requests();

    long opened();

    long reused();

    long closed();

    long closedByClient();

    long connectFailures();

    long connectTimeouts();

    long requestCloses();

    long responseCloses();

    /** Requests and responses that carried {@code Connection: close}. */
    long keepAliveRefusals();

    /** Connections leased to a request now; counted per destination only (0 for a site's pair). */
    long inUse();
}
