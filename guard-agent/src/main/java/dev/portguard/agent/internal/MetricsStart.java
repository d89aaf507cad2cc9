package dev.portguard.agent.internal;

import dev.portguard.agent.internal.metrics.MetricsEndpoint;
import dev.portguard.core.PortGuard;

/**
 * Starts the agent's Prometheus endpoint off the application's main thread (binding a port and starting the JDK's
 * HTTP server takes tens of milliseconds), so it does not count against the agent's start-up. Loaded only when
 * {@code metrics.port} is set.
 */
final class MetricsStart {
    private MetricsStart() {
    }

    static void inBackground(PortGuard guard, String host, int port) {
        Thread t = new Thread(() -> {
            MetricsEndpoint endpoint = MetricsEndpoint.start(guard.meters(), host, port, AgentLog::warn);
            if (endpoint != null) {
                AgentLog.info("metrics endpoint on " + (host.isBlank() ? "*" : host) + ":" + endpoint.port()
                        + "/metrics");
            }
        }, "portguard-metrics-start");
        t.setDaemon(true);
        t.start();
    }
}
