package dev.portguard.core.internal.detect;

import dev.portguard.core.FindingType;

/**
 * What detectors read about one site's traffic to one destination: live counters, read-only, except the mark that
 * keeps each finding to one per route.
 */
public interface RouteCounts {
    /** A finding about this route waits to be announced until the exchange of the request that raised it ends. */
    void markAnnouncementWaiting();

    String destination();

    String site();

    long requests();

    long opened();

    /** Requests served without opening a connection. */
    long reused();

    long closed();

    long requestCloses();

    long responseCloses();

    /** Connections the client gave up after an exchange for a reason it did not say ({@code NOT_KEPT}). */
    long notKept();

    long keepAliveRefusals();

    /** Distinct pools of the site that sent requests here. */
    long poolsUsed();

    /** Pools of the site that sent a second request here: a pool that never does served about one request. */
    long poolsServingMore();

    /**
     * Connections the site's pools needed toward this destination for their callers' concurrency: each pool's peak
     * of requests holding a connection at once, summed over the site's pools.
     */
    long concurrencyNeeded();

    /**
     * Requests after which the route's connections opened had moved, and the time between them: how far apart the
     * requests that found no idle connection came. Zero gaps before two such requests.
     */
    long openGaps();

    /** The shortest of those gaps, in nanoseconds; {@link Long#MAX_VALUE} before two such requests. */
    long shortestOpenGapNanos();

    /** Their sum, in nanoseconds. */
    long openGapNanosTotal();

    long poolsCreatedAtSite();

    /** The site created {@code new.client.threshold} pools within {@code new.client.window}. */
    boolean siteCreatesPoolsInBursts();

    /**
     * Seconds a closed connection keeps its local port toward this destination on this host, as the probe last
     * read it (TIME_WAIT, or the reuse delay where tcp_tw_reuse applies); -1 before any reading.
     */
    double holdSeconds();

    boolean hasRaised(FindingType type);

    /** True for the one caller that marks {@code type} raised here first. */
    boolean markRaised(FindingType type);
}
