/**
 * What client hooks call: a {@link dev.portguard.core.spi.ClientPool} per client pool, a
 * {@link dev.portguard.core.spi.PoolDestination} per destination, with every method's cost and threading stated.
 * Stable for integrations; reached through {@code PortGuard.integration()}.
 */
package dev.portguard.core.spi;
