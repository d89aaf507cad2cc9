package dev.portguard.core.spi;

/**
 * Events of one client pool toward one destination. Every method is cheap (a few counter increments), never
 * blocks and never throws, except that {@link #requestStarted()} throws
 * {@link dev.portguard.core.PoolMisuseException} in strict mode when this request makes a finding.
 */
public interface PoolDestination {
    /** A request (one call as the application sees it) started. Call it on the application's thread. */
    void requestStarted();

    /**
     * A new connection to this destination is about to be opened. Returns at once unless protect mode is on and
     * the destination's port headroom is critical; then it throws, and the integration must let the exception
     * fail the connect (HTTP clients treat it as any other connect failure).
     *
     * @throws dev.portguard.core.PortBudgetExceededException when protect mode refuses the new connection
     */
    void beforeConnect() throws dev.portguard.core.PortBudgetExceededException;

    /**
     * {@link #beforeConnect()} for a client that connects on an event loop, whose thread must never wait: judged at
     * once from the latest reading, {@code protect.wait} left out. Never blocks.
     *
     * @throws dev.portguard.core.PortBudgetExceededException when protect mode refuses the new connection
     */
    default void beforeConnectWithoutWaiting() throws dev.portguard.core.PortBudgetExceededException {
        beforeConnect();
    }

    /**
     * The address a connection to this destination is about to go to. Lets the guard match the sockets it reads
     * from {@code /proc/net/tcp*} (by IP) to this destination (by name). Cheap: a known address is a read.
     */
    void connecting(java.net.InetSocketAddress remote);

    /** A new physical connection was established. */
    void connectionOpened();

    /**
     * A request got a connection, new or from the pool. Reuse is counted as requests minus connections opened;
     * acquisitions measure how many requests hold a connection at once.
     */
    void connectionAcquired();

    /** A request gave its connection back to the pool (or dropped it). */
    void connectionReleased();

    /**
     * {@link #connectionAcquired()}, and the start of a lease the guard ages to find connections never given back
     * ({@code CONNECTION_LEAK}). {@code lease} is whatever the matching {@link #connectionReleased(Object)} will
     * name (a call, an endpoint): only its identity hash is kept, never the object, so nothing is kept alive. No
     * allocation; a stack walk for a sample of acquisitions only ({@code leak.sample}).
     */
    default void connectionAcquired(Object lease) {
        connectionAcquired();
        leaseStarted(lease);
    }

    /**
     * Starts tracking {@code lease} for a connection already counted by {@link #connectionAcquired()}: for a client
     * whose hook learns the lease's identity after the acquisition it counted (an Apache endpoint is made after the
     * lease was asked for). {@link #connectionAcquired(Object)} is both at once.
     */
    default void leaseStarted(Object lease) {
    }

    /** {@link #connectionReleased()}, ending the lease {@link #connectionAcquired(Object)} started. */
    default void connectionReleased(Object lease) {
        connectionReleased();
    }

    /**
     * Ends the lease {@link #leaseStarted(Object)} started, for a client whose counts of connections held are kept
     * apart from its leases (the JDK clients count a request's hold at its send, but give the connection back when
     * its body is read or closed). An unknown or already ended lease is ignored, so a client that gives a connection
     * back by several paths may end it on each. A hash probe; no allocation.
     */
    default void leaseEnded(Object lease) {
    }

    /**
     * The lease read bytes (or its response headers came): a stream in progress is not a leak, however long it
     * runs. A hash probe and a clock read; an unknown lease is ignored.
     */
    default void leaseProgressed(Object lease) {
    }

    /** A physical connection was closed. */
    void connectionClosed(ClosedBy closedBy);

    /** A connect attempt failed; the whole cause chain is read, the exception is never kept. */
    void connectFailed(Throwable failure);

    /**
     * A connection to this destination speaks {@code protocol}, where the client tells which; call it once per new
     * connection (calling it again is harmless: one read when already known). Integrations that cannot tell leave
     * it out.
     */
    default void protocolUsed(Protocol protocol) {
    }

    /** A request or response carried {@code Connection: close}. */
    void keepAliveRefused(KeepAliveRefusal refusal);

    /** {@code host:port}. */
    String destination();
}
