package dev.portguard.core.spi;

/**
 * The guard's view of one client connection pool, handed to a client integration by
 * {@link dev.portguard.core.PortGuard#newPool}. The integration keeps it beside the pool it describes (so it is
 * collected with it) and reports every event through {@link #destination(String, int)}.
 */
public interface ClientPool {
    /**
     * The counters for requests from this pool to {@code host:port}. Allocation-free and lock-free once the
     * destination has been seen; integrations may also cache the result per route.
     *
     * @param host a host name or IP literal (brackets optional for IPv6); never include a path, query or user info
     */
    PoolDestination destination(String host, int port);

    /** Where the pool was created: the first stack frame of user code, {@code pkg.Class.method(File.java:N)}. */
    String site();

    ClientKind kind();

    PoolSettings settings();
}
