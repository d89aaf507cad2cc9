package dev.portguard.core;

/**
 * The kinds of pool misuse the guard reports. The names are stable: they appear in logs, reports, metrics and
 * test failures, and users match on them.
 */
public enum FindingType {
    /** Most requests to a destination open a new TCP connection instead of reusing a pooled one. */
    NEW_CONNECTION_PER_REQUEST(
            "Share one client (and so one connection pool) across requests instead of opening a new connection for each."),
    /** A new client, with a new connection pool, is created for (almost) every request at the same code site. */
    NEW_CLIENT_PER_REQUEST(
            "Create the HTTP client once (a singleton or an injected bean) and reuse it for every request."),
    /** Keep-alive is off: {@code Connection: close} on requests or responses, or a pool that keeps no idle connection. */
    KEEP_ALIVE_DISABLED(
            "Remove the 'Connection: close' header and let the pool keep idle connections, so connections are reused."),
    /** A shared pool keeps fewer idle connections than its callers use at once, so it keeps closing and reopening them. */
    POOL_CHURN(
            "Size the pool's idle connections to the callers' peak concurrency so released connections are kept, not closed."),
    /** Few local ports are left toward a destination: the host's ephemeral range is nearly used up for it. */
    PORT_HEADROOM_LOW(PortAdvice.TEXT),
    /** At the current rate of new connections, the local ports toward a destination run out within the horizon. */
    PORT_EXHAUSTION_FORECAST(PortAdvice.TEXT),
    /** A connect failed with "Cannot assign requested address": no local port was left toward the destination. */
    PORT_EXHAUSTED(PortAdvice.TEXT),
    /**
     * Connects to a destination time out while this namespace has local ports to spare: the SYN is lost beyond the
     * host, typically at a Kubernetes node's SNAT with no free port, which other pods on the node use up.
     */
    SNAT_SUSPECTED("Check the node's SNAT: run `guard-agent.jar node` there (or watch conntrack insert_failed rising)"
            + " to see which pod holds its ports toward this destination, and make that pod reuse connections.");

    private final String defaultAdvice;

    /** The fixes for port headroom, in order of preference. */
    private static final class PortAdvice {
        static final String TEXT = "Reuse connections: share one client with keep-alive and a pool sized to your"
                + " concurrency, or use HTTP/2 (one connection carries many requests); only then widen"
                + " net.ipv4.ip_local_port_range or enable net.ipv4.tcp_tw_reuse. tcp_fin_timeout does not shorten"
                + " TIME_WAIT.";
    }

    FindingType(String defaultAdvice) {
        this.defaultAdvice = defaultAdvice;
    }

    /** Advice that names no particular client; client integrations give their own, naming the concrete API. */
    public String defaultAdvice() {
        return defaultAdvice;
    }
}
