/**
 * The agent's own Prometheus endpoint (opt-in {@code metrics.port}) for applications without Micrometer: the JDK
 * HTTP server and the text format, no metrics library.
 */
package dev.portguard.agent.internal.metrics;
