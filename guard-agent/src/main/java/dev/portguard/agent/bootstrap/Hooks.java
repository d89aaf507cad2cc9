package dev.portguard.agent.bootstrap;

/**
 * What instrumented library code reports, typed with JDK types only so that any class loader (the JDK's own
 * included) can link against it. The agent implements it in its own class loader; see {@link Bridge}.
 * Implementations never throw and never block.
 */
public interface Hooks {
    /** An {@code OkHttpClient} is being built from {@code builder} (OkHttp 4.x or 5.x). */
    void okHttpClientBuilding(Object builder);

    /** A connection pool was created: an Apache connection manager or a JDK HttpClient. */
    void poolCreated(Object pool, String client);

    /** A request asked {@code pool} for a connection to {@code route} (an Apache {@code HttpRoute}). */
    void routeLeased(Object pool, Object route);

    /** {@code pool} opened a new connection for {@code routeOrEndpoint}; {@code failure} is null on success. */
    void routeConnected(Object pool, Object routeOrEndpoint, Throwable failure);

    /** A request gave a connection ({@code endpoint}) back to {@code pool}. */
    void endpointReleased(Object pool, Object endpoint);

    /** Apache HttpClient 5: a release with the time the pool may keep the connection (zero: it is given up). */
    void endpointReleasedKeeping(Object pool, Object endpoint, Object keepAlive);

    /**
     * The JDK HttpClient {@code client} starts sending {@code request}.
     *
     * @return a token to pass to {@link #jdkRequestSent}, or null
     */
    Object jdkRequestStarting(Object client, Object request);

    /** The send started with {@code token} returned {@code response} (a future), or failed at once ({@code failure}). */
    void jdkRequestSent(Object token, Object response, Throwable failure);

    /** The JDK HttpClient {@code client} opens a new connection to {@code address}. */
    void jdkConnectionOpening(Object client, Object address);

    /** java.net.http: an exchange of a send was created (the first, or a redirect or retry it follows). */
    void jdkExchangeCreated(Object request, Object multiExchange);

    /** HttpURLConnection's keep-alive cache missed and a connection is being opened on this thread. */
    void urlConnectionOpened();

    /** HttpURLConnection got {@code connection} (new or from the JVM's keep-alive cache) for {@code url}. */
    void urlConnectionAcquired(Object url, Object connection);

    /** HttpURLConnection closes {@code connection}. */
    void urlConnectionClosed(Object connection);

    /** A socket connect to {@code address} failed, whatever client made it. */
    void socketConnectFailed(Object address, Throwable failure);

    /** The install self-test's probe ran with its advice in place. */
    void selfTestPassed();
}
