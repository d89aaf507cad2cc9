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
 */
public record PoolSiteCounts(String client, String site, long created, long live, long closed) {
}
