package dev.portguard.core;

/**
 * The client pools created at one code site: how many, and how many are still alive. A site that builds a client
 * per call shows up here as one line with a large {@code created}, instead of as one entry per client.
 *
 * @param client  the client kind, such as {@code okhttp}
 * @param site    where the pools were created
 * @param created pools created there since start (or the last reset)
 * @param live    of those, pools not yet closed and collected (as far as {@code max.pools} tracks them)
 * @param closed  pools gone: closed, or dropped and collected by the JVM ({@code created - live})
 * @param mitigation what mitigate mode did with the site's clients, or null when it did nothing
 */
public record PoolSiteCounts(String client, String site, long created, long live, long closed,
                             SiteMitigation mitigation) {
    public PoolSiteCounts(String client, String site, long created, long live, long closed) {
        this(client, site, created, live, closed, null);
    }

    /** The same counts with {@code mitigation}. */
    public PoolSiteCounts withMitigation(SiteMitigation mitigation) {
        return new PoolSiteCounts(client, site, created, live, closed, mitigation);
    }

    /** True when mitigate mode serves this site's clients from a shared pool. */
    public boolean mitigated() {
        return mitigation != null && mitigation.mitigated();
    }
}
