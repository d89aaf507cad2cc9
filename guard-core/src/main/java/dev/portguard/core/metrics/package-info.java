/**
 * The guard's meters as one exporter-neutral model (docs/metrics.md): names, tags and live readers, for the
 * Micrometer binder, the agent's Prometheus endpoint, or an exporter of your own. Dependency-free.
 */
package dev.portguard.core.metrics;
