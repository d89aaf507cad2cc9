package dev.portguard.core;

/**
 * What mitigate mode did with the clients one site builds: served them from a shared pool, or left them as the
 * code built them and why. Counts are split at the moment the site was mitigated, so the report shows what sharing
 * saved.
 *
 * @param mitigated               true when the site's clients share one pool
 * @param reason                  why the site was left alone, or null when it is mitigated
 * @param sharedPoolSize          connections the shared pool keeps (0 when not mitigated; -1 when the client's
 *                                own pool has no idle limit to set)
 * @param clientsShared           clients the code built that were served from the shared pool
 * @param requestsBefore          requests the site sent before it was mitigated
 * @param connectionsOpenedBefore connections it opened before
 * @param requestsAfter           requests it sent since
 * @param connectionsOpenedAfter  connections it opened since
 */
public record SiteMitigation(boolean mitigated, String reason, int sharedPoolSize, long clientsShared,
                             long requestsBefore,
                             long connectionsOpenedBefore, long requestsAfter, long connectionsOpenedAfter) {
    /**
     * Connections the site did not open thanks to sharing: what its rate before (opened per request) would have
     * opened for the requests since, less what it did open. Never negative.
     */
    public long connectionsSaved() {
        if (!mitigated || requestsBefore == 0) {
            return 0;
        }
        double rate = (double) connectionsOpenedBefore / requestsBefore;
        return Math.max(0, Math.round(rate * requestsAfter) - connectionsOpenedAfter);
    }
}
