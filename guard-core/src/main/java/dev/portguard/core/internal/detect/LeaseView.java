package dev.portguard.core.internal.detect;

import dev.portguard.core.spi.ClientKind;

/**
 * One site's leased connections toward one destination, as the leak detector reads them: never written from here
 * except to ask for call sites, never the client objects themselves.
 */
public interface LeaseView {
    /** {@code host:port}. */
    String destination();

    /** Where the client (its pool) was created. */
    String clientSite();

    ClientKind kind();

    /** Adds every lease held now with no progress for {@code quietNanos} to {@code tally}, by acquisition site. */
    void heldQuiet(long nowNanos, long quietNanos, HeldTally tally);

    /** The acquisition site's record, the subject of its finding; {@code null} site means not sampled. */
    AcquisitionSiteView acquisitionSite(String site);

    /** Asks the next few acquisitions here to record their call sites (a leak was seen that none of them named). */
    void recordNextSites();
}
