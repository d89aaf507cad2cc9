package dev.portguard.core;

/**
 * The kinds of pool misuse the guard reports. The names are stable: they appear in logs, reports, metrics and
 * test failures, and users match on them.
 */
public enum FindingType {
    /** Most requests to a destination open a new TCP connection instead of reusing a pooled one. */
    NEW_CONNECTION_PER_REQUEST(
            "Share one client (and so one connection pool) across requests instead of opening a new connection for each.",
            true),
    /** A new client, with a new connection pool, is created for (almost) every request at the same code site. */
    NEW_CLIENT_PER_REQUEST(
            "Create the HTTP client once (a singleton or an injected bean) and reuse it for every request.", true),
    /** Keep-alive is off: {@code Connection: close} on requests or responses, or a pool that keeps no idle connection. */
    KEEP_ALIVE_DISABLED(
            "Remove the 'Connection: close' header and let the pool keep idle connections, so connections are reused.",
            true),
    /** A shared pool keeps fewer idle connections than its callers use at once, so it keeps closing and reopening them. */
    POOL_CHURN(
            "Size the pool's idle connections to the callers' peak concurrency so released connections are kept, not closed.",
            true),
    /**
     * The server (or a proxy in front of it) closes connections that sit idle between requests before the client
     * reuses them, so a shared, healthy client opens a new connection for almost every request.
     */
    SERVER_CLOSES_IDLE(
            "Give the server (or its proxy) a keep-alive/idle timeout above the interval between your requests, or give"
                    + " the client an idle timeout below the server's so it stops reusing connections the server is"
                    + " about to close.", false),
    /**
     * Connections taken from the pool and never given back: a response body not closed or not read to its end, a
     * lease never released. Each holds a port and a pool slot until the process ends or the pool gives up on it.
     * Counted exactly (leases still held past {@code leak.age} with no bytes read), not inferred from ratios. Found
     * off the request path, so strict mode has no call to throw into; guard-junit fails a test that ends holding
     * connections it took.
     */
    CONNECTION_LEAK("Close every response (or its body) when done with it, in a finally or try-with-resources,"
            + " and read or discard the entity of responses you do not use (OkHttp: response.close(); Apache"
            + " HttpClient: EntityUtils.consume(entity) or response.close(); JDK HttpClient: read the body or use"
            + " BodyHandlers.discarding(); HttpURLConnection: close its input or error stream).", false),
    /** Few local ports are left toward a destination: the host's ephemeral range is nearly used up for it. */
    PORT_HEADROOM_LOW(PortAdvice.TEXT, false),
    /** At the current rate of new connections, the local ports toward a destination run out within the horizon. */
    PORT_EXHAUSTION_FORECAST(PortAdvice.TEXT, false),
    /** A connect failed with "Cannot assign requested address": no local port was left toward the destination. */
    PORT_EXHAUSTED(PortAdvice.TEXT, false),
    /**
     * Connects to a destination time out while this namespace has local ports to spare: the SYN is lost beyond the
     * host, typically at a Kubernetes node's SNAT with no free port, which other pods on the node use up.
     */
    SNAT_SUSPECTED("Check the node's SNAT: run `guard-agent.jar node` there (or watch conntrack insert_failed rising)"
            + " to see which pod holds its ports toward this destination, and make that pod reuse connections.", false);

    private final String defaultAdvice;
    private final boolean failsInStrictMode;

    /** The fixes for port headroom, in order of preference. */
    private static final class PortAdvice {
        static final String TEXT = "Reuse connections: share one client with keep-alive and a pool sized to your"
                + " concurrency, or use HTTP/2 (one connection carries many requests); only then widen"
                + " net.ipv4.ip_local_port_range or enable net.ipv4.tcp_tw_reuse. tcp_fin_timeout does not shorten"
                + " TIME_WAIT.";
    }

    FindingType(String defaultAdvice, boolean failsInStrictMode) {
        this.defaultAdvice = defaultAdvice;
        this.failsInStrictMode = failsInStrictMode;
    }

    /**
     * Whether strict mode throws {@link PoolMisuseException} for this type: only for the pool findings that the
     * detection corpus (docs/corpus.md) shows precise, each caught there with no false alarm. A server that closes
     * idle connections is reported but never thrown into a call: the fix is usually the server's, not the caller's.
     */
    public boolean failsInStrictMode() {
        return failsInStrictMode;
    }

    /** Advice that names no particular client; client integrations give their own, naming the concrete API. */
    public String defaultAdvice() {
        return defaultAdvice;
    }
}
