package dev.portguard.core.internal.detect;

import dev.portguard.core.FindingType;

/**
 * What detectors read about one site's traffic to one destination: live counters, read-only, except the mark that
 * keeps each finding to one per route.
 */
public interface RouteCounts {
    String destination();

    String site();

    long requests();

    long opened();

    /** Requests served without opening a connection. */
    long reused();

    long closed();

    long requestCloses();

    long responseCloses();

    long keepAliveRefusals();

    /** Distinct pools of the site that sent requests here. */
    long poolsUsed();

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
