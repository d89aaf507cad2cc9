package dev.portguard.core.internal.ledger;

/**
 * One creation site's traffic at a moment, summed over its destinations.
 *
 * @param poolsCreated pools created at the site
 * @param requests     requests its pools sent
 * @param opened       connections its pools opened
 * @param peakInUse    the most connections its pools had leased at once
 */
public record SiteTraffic(long poolsCreated, long requests, long opened, int peakInUse) {
    public static final SiteTraffic NONE = new SiteTraffic(0, 0, 0, 0);
}
