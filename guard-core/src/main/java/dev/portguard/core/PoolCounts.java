package dev.portguard.core;

/**
 * One live client pool, as the guard sees it.
 *
 * @param client            the client kind, such as {@code okhttp}
 * @param site              where the pool was created
 * @param maxIdle           idle connections the pool keeps, or -1 when unknown
 * @param requests          requests sent through it
 * @param connectionsOpened new connections it opened
 * @param connectionsReused requests it served on a pooled connection
 * @param inUse             requests holding one of its connections now
 * @param peakInUse         the most requests that held its connections at once
 */
public record PoolCounts(String client, String site, int maxIdle, long requests, long connectionsOpened,
                         long connectionsReused, int inUse, int peakInUse) {
}
