package dev.portguard.core.internal.detect;

/** A code site that took connections from one client toward one destination, with the evidence of its leases. */
public interface AcquisitionSiteView {
    /** {@code pkg.Class.method(File.java:N)}, or {@code unknown} for leases whose site was not sampled. */
    String site();

    /** Acquisitions recorded at this site (sampled: one in {@code leak.sample}, plus the first few). */
    long acquisitions();

    /** This site's leases held now with no progress for {@code quietNanos}. */
    HeldTally.Held heldQuiet(long nowNanos, long quietNanos);
}
