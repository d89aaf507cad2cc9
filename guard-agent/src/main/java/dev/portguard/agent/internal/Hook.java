package dev.portguard.agent.internal;

import dev.portguard.agent.internal.weave.BridgeCall;
import dev.portguard.agent.internal.weave.Value;

/**
 * The table of bridge calls: every call woven code makes, with its values and what it does. A hook's number on
 * the bridge is its ordinal, so a new seam is one entry here and its use in {@link AgentSeams}; the bridge and its
 * interface on the boot class path never change. Constant bodies, not lambdas: this is built in premain, where
 * the first lambda costs start-up time.
 */
enum Hook {
    /** An {@code OkHttpClient} is being built from {@code builder} (OkHttp 4.x or 5.x). */
    OKHTTP_CLIENT_BUILDING(1) {
        @Override
        Object on(AgentClients clients, Object builder, Object unused, Object unused2) throws Throwable {
            clients.okHttp.building(builder);
            return null;
        }
    },
    /** An Apache connection manager was built; {@code client} names its kind in the seam table. */
    APACHE_MANAGER_CREATED(2) {
        @Override
        Object on(AgentClients clients, Object manager, Object client, Object unused) {
            clients.apache.created(manager, (String) client);
            return null;
        }
    },
    /** An Apache HttpClient 5 classic client is about to be built from {@code builder}: mitigate mode may share. */
    APACHE5_CLIENT_BUILDING(1) {
        @Override
        Object on(AgentClients clients, Object builder, Object unused, Object unused2) throws Throwable {
            clients.apache5Shared.building(builder);
            return null;
        }
    },
    /**
     * An Apache HttpClient 5 async client is about to be built from {@code builder}: in mitigate mode, the view of
     * the site's shared client to return instead; else null.
     */
    APACHE5_ASYNC_CLIENT_BUILDING(1, false, true) {
        @Override
        Object on(AgentClients clients, Object builder, Object unused, Object unused2) throws Throwable {
            return clients.apache5Async.building(builder);
        }
    },
    /** An Apache HttpClient 4.5 client is about to be built from {@code builder}: mitigate mode may share. */
    APACHE4_CLIENT_BUILDING(1) {
        @Override
        Object on(AgentClients clients, Object builder, Object unused, Object unused2) throws Throwable {
            clients.apache4Shared.building(builder);
            return null;
        }
    },
    /** A request asked {@code manager} for a connection to {@code route} (an Apache {@code HttpRoute}). */
    APACHE_ROUTE_LEASED(2) {
        @Override
        Object on(AgentClients clients, Object manager, Object route, Object unused) {
            clients.apache.leased(manager, route);
            return null;
        }
    },
    /** {@code manager} opened a new connection for a route or endpoint; {@code failure} is null on success. */
    APACHE_ROUTE_CONNECTED(3) {
        @Override
        Object on(AgentClients clients, Object manager, Object routeOrEndpoint, Object failure) throws Throwable {
            clients.apache.connected(manager, routeOrEndpoint, (Throwable) failure);
            return null;
        }
    },
    /** A request gave a connection ({@code endpoint}) back to {@code manager}. */
    APACHE_ENDPOINT_RELEASED(2) {
        @Override
        Object on(AgentClients clients, Object manager, Object endpoint, Object unused) throws Throwable {
            clients.apache.released(manager, endpoint);
            return null;
        }
    },
    /** HttpClient 5 gave {@code endpoint} back to {@code manager} with the time it may be kept (zero: given up). */
    APACHE_ENDPOINT_RELEASED_KEEPING(3) {
        @Override
        Object on(AgentClients clients, Object manager, Object endpoint, Object keepAlive) throws Throwable {
            clients.apache.released(manager, endpoint, keepAlive);
            return null;
        }
    },
    /** An HttpClient 5 pool entry lets its connection go, closing it (if it holds one). */
    APACHE5_CONNECTION_DISCARDING(1) {
        @Override
        Object on(AgentClients clients, Object entry, Object unused, Object unused2) {
            clients.apache.closes.discarding(entry);
            return null;
        }
    },
    /** A classic HttpClient 5 lease checks whether its pooled {@code connection} is stale. */
    APACHE5_STALE_CHECKING(1) {
        @Override
        Object on(AgentClients clients, Object connection, Object unused, Object unused2) {
            clients.apache.staleChecking(connection);
            return null;
        }
    },
    /** A classic HttpClient 5 {@code connection} read the head of {@code response}. */
    APACHE5_RESPONSE_RECEIVED(2) {
        @Override
        Object on(AgentClients clients, Object connection, Object response, Object unused) {
            clients.apache.closes.responded(connection, response);
            return null;
        }
    },
    /** An HttpClient 5 async {@code client} is closing, and with it every connection of its I/O reactor. */
    APACHE5_ASYNC_CLIENT_CLOSING(1) {
        @Override
        Object on(AgentClients clients, Object client, Object unused, Object unused2) throws Throwable {
            clients.apache.closes.clientClosing(client);
            return null;
        }
    },
    /** An Apache HttpClient 5 HTTP/2-only client was built over {@code connPool}: a pool, at the app's line. */
    APACHE5_H2_CLIENT_CREATED(1) {
        @Override
        Object on(AgentClients clients, Object connPool, Object unused, Object unused2) throws Throwable {
            clients.apache5H2.clientCreated(connPool);
            return null;
        }
    },
    /** An HTTP/2-only session pool starts a new connection to {@code routeOrHost}. */
    APACHE5_H2_CONNECTING(2) {
        @Override
        Object on(AgentClients clients, Object sessionPool, Object routeOrHost, Object unused) {
            clients.apache5H2.connecting(sessionPool, routeOrHost);
            return null;
        }
    },
    /** An HTTP/2-only exchange ({@code runtime}) asks for its connection to {@code route}: a request, a stream. */
    APACHE5_H2_STREAM_ACQUIRING(2) {
        @Override
        Object on(AgentClients clients, Object runtime, Object route, Object unused) throws Throwable {
            clients.apache5H2.acquiring(runtime, route);
            return null;
        }
    },
    /** An HTTP/2-only exchange gave its connection back (released or discarded): its stream ended. */
    APACHE5_H2_STREAM_RELEASED(1) {
        @Override
        Object on(AgentClients clients, Object runtime, Object unused, Object unused2) {
            clients.apache5H2.released(runtime);
            return null;
        }
    },
    /** A JDK HttpClient was built. */
    JDK_CLIENT_CREATED(1) {
        @Override
        Object on(AgentClients clients, Object client, Object unused, Object unused2) {
            clients.jdk.created(client);
            return null;
        }
    },
    /**
     * A JDK HttpClient is about to be built from {@code builder}: in mitigate mode, returns the client to hand out
     * instead (one shared per site and configuration), or null to build as the code asked.
     */
    JDK_CLIENT_BUILDING(1, false, true) {
        @Override
        Object on(AgentClients clients, Object builder, Object unused, Object unused2) throws Throwable {
            return clients.jdk.building(builder);
        }
    },
    /** The JDK HttpClient {@code client} starts sending {@code request}; returns the token for the exit call. */
    JDK_REQUEST_STARTING(2, true) {
        @Override
        Object on(AgentClients clients, Object client, Object request, Object unused) {
            return clients.jdk.requestStarting(client, request);
        }
    },
    /** The send started with {@code token} returned {@code response} (a future), or failed at once. */
    JDK_REQUEST_SENT(3) {
        @Override
        Object on(AgentClients clients, Object token, Object response, Object failure) {
            if (token != null) {
                clients.jdk.requestSent(token, response, (Throwable) failure);
            }
            return null;
        }
    },
    /** The JDK HttpClient {@code client} opens a new {@code connection} (its TCP one) to {@code address}. */
    JDK_CONNECTION_OPENING(3) {
        @Override
        Object on(AgentClients clients, Object client, Object address, Object connection) {
            clients.jdk.connectionOpening(client, address, connection);
            return null;
        }
    },
    /** java.net.http: a TCP {@code connection} (plain, or under TLS or HTTP/2) is closing. */
    JDK_CONNECTION_CLOSING(1) {
        @Override
        Object on(AgentClients clients, Object connection, Object unused, Object unused2) throws Throwable {
            clients.jdk.connectionClosing(connection);
            return null;
        }
    },
    /** java.net.http: an exchange of a send was created (the first, or a redirect or retry it follows). */
    JDK_EXCHANGE_CREATED(2) {
        @Override
        Object on(AgentClients clients, Object request, Object multiExchange, Object unused) throws Throwable {
            clients.jdk.exchangeCreated(request, multiExchange);
            return null;
        }
    },
    /** HttpURLConnection's keep-alive cache missed and a connection is being opened on this thread. */
    URL_CONNECTION_OPENED(0) {
        @Override
        Object on(AgentClients clients, Object unused, Object unused2, Object unused3) {
            clients.urlConnections.opened();
            return null;
        }
    },
    /** HttpURLConnection got {@code connection} (new or from the JVM's keep-alive cache) for {@code url}. */
    URL_CONNECTION_ACQUIRED(2) {
        @Override
        Object on(AgentClients clients, Object url, Object connection, Object unused) {
            clients.urlConnections.acquired(url, connection);
            return null;
        }
    },
    /** HttpURLConnection closes {@code connection}. */
    URL_CONNECTION_CLOSED(1) {
        @Override
        Object on(AgentClients clients, Object connection, Object unused, Object unused2) {
            clients.urlConnections.closed(connection);
            return null;
        }
    },
    /** A gRPC channel is being built from {@code builder} (any transport: the builders all end here). */
    GRPC_CHANNEL_BUILDING(1) {
        @Override
        Object on(AgentClients clients, Object builder, Object unused, Object unused2) throws Throwable {
            clients.grpc.building(builder);
            return null;
        }
    },
    /** A Reactor Netty connection provider was built. */
    REACTOR_PROVIDER_CREATED(1) {
        @Override
        Object on(AgentClients clients, Object provider, Object unused, Object unused2) {
            clients.reactor.providerCreated(provider);
            return null;
        }
    },
    /**
     * A Reactor Netty {@code provider} starts an acquisition from its pool for one address, for a request or, when
     * {@code observer} is HTTP/2's, for a connection its streams will share.
     */
    REACTOR_ACQUIRING(3) {
        @Override
        Object on(AgentClients clients, Object provider, Object addressPool, Object observer) throws Throwable {
            clients.reactor.acquiring(provider, addressPool, observer);
            return null;
        }
    },
    /** A Reactor Netty acquisition was handed a pooled channel ({@code pooledRef}). */
    REACTOR_CHANNEL_HANDED(1) {
        @Override
        Object on(AgentClients clients, Object pooledRef, Object unused, Object unused2) throws Throwable {
            clients.reactor.handed(pooledRef);
            return null;
        }
    },
    /** A Reactor Netty pool for one address created a new {@code channel}. */
    REACTOR_CHANNEL_CREATED(2) {
        @Override
        Object on(AgentClients clients, Object channel, Object addressPool, Object unused) {
            clients.reactor.channelCreated(channel, addressPool);
            return null;
        }
    },
    /** A Reactor Netty pooled {@code channel} is told a new {@code state}. */
    REACTOR_CHANNEL_STATE(2) {
        @Override
        Object on(AgentClients clients, Object channel, Object state, Object unused) {
            clients.reactor.channelState(channel, state);
            return null;
        }
    },
    /** The head of a Netty channel's pipeline ({@code context}) is asked to close the channel. */
    REACTOR_CHANNEL_CLOSING(1) {
        @Override
        Object on(AgentClients clients, Object context, Object unused, Object unused2) throws Throwable {
            clients.reactor.channelClosing(context);
            return null;
        }
    },
    /** {@code ConnectionProvider.newConnection()} connects to the address {@code remote} supplies. */
    REACTOR_UNPOOLED_CONNECTING(1) {
        @Override
        Object on(AgentClients clients, Object remote, Object unused, Object unused2) {
            clients.reactor.connectingUnpooled(remote);
            return null;
        }
    },
    /** A Reactor Netty HTTP/2 request was handed {@code streamRef}, a stream on one of its pool's connections. */
    REACTOR_STREAM_ACQUIRED(1) {
        @Override
        Object on(AgentClients clients, Object streamRef, Object unused, Object unused2) throws Throwable {
            clients.reactor.streamAcquired(streamRef);
            return null;
        }
    },
    /** A Reactor Netty HTTP/2 stream ({@code streamRef}) ended and went back to its connection. */
    REACTOR_STREAM_ENDED(1) {
        @Override
        Object on(AgentClients clients, Object streamRef, Object unused, Object unused2) {
            clients.reactor.streamEnded(streamRef);
            return null;
        }
    },
    /** A Jetty {@code HttpClient} is starting. */
    JETTY_CLIENT_STARTING(1) {
        @Override
        Object on(AgentClients clients, Object client, Object unused, Object unused2) {
            clients.jetty.starting(client);
            return null;
        }
    },
    /** An exchange was queued on a Jetty {@code HttpDestination} to be sent. */
    JETTY_REQUEST_QUEUED(1) {
        @Override
        Object on(AgentClients clients, Object destination, Object unused, Object unused2) throws Throwable {
            clients.jetty.queued(destination);
            return null;
        }
    },
    /** A Jetty connection pool created {@code connection}. */
    JETTY_CONNECTION_CREATED(2) {
        @Override
        Object on(AgentClients clients, Object pool, Object connection, Object unused) throws Throwable {
            clients.jetty.created(pool, connection);
            return null;
        }
    },
    /** A Jetty connection pool handed out {@code connection} (null: none was free). */
    JETTY_CONNECTION_ACQUIRED(2) {
        @Override
        Object on(AgentClients clients, Object pool, Object connection, Object unused) {
            clients.jetty.acquired(pool, connection);
            return null;
        }
    },
    /** {@code connection} is given back to a Jetty connection pool. */
    JETTY_CONNECTION_RELEASED(2) {
        @Override
        Object on(AgentClients clients, Object pool, Object connection, Object unused) {
            clients.jetty.released(pool, connection);
            return null;
        }
    },
    /** A Jetty connection pool drops {@code connection}. */
    JETTY_CONNECTION_REMOVED(2) {
        @Override
        Object on(AgentClients clients, Object pool, Object connection, Object unused) throws Throwable {
            clients.jetty.removed(pool, connection);
            return null;
        }
    },
    /** The client closes a Jetty HTTP/2 {@code connection} of its own accord. */
    JETTY_CONNECTION_CLOSING(1) {
        @Override
        Object on(AgentClients clients, Object connection, Object unused, Object unused2) {
            clients.jetty.closing(connection);
            return null;
        }
    },
    /** An AsyncHttpClient built its request sender, on its {@code channelManager}. */
    ASYNC_HTTP_CLIENT_CREATED(2) {
        @Override
        Object on(AgentClients clients, Object sender, Object channelManager, Object unused) {
            clients.asyncHttp.created(sender, channelManager);
            return null;
        }
    },
    /** An AsyncHttpClient is closing: its {@code channelManager} closes every channel it has. */
    ASYNC_HTTP_CLIENT_CLOSING(1) {
        @Override
        Object on(AgentClients clients, Object channelManager, Object unused, Object unused2) throws Throwable {
            clients.asyncHttp.clientClosing(channelManager);
            return null;
        }
    },
    /** An AsyncHttpClient closes {@code channel} of its own accord. */
    ASYNC_HTTP_CHANNEL_CLOSING(1) {
        @Override
        Object on(AgentClients clients, Object channel, Object unused, Object unused2) throws Throwable {
            clients.asyncHttp.channelClosing(channel);
            return null;
        }
    },
    /** The channel of an AsyncHttpClient handler's {@code context} became inactive: it is closed. */
    ASYNC_HTTP_CHANNEL_INACTIVE(1) {
        @Override
        Object on(AgentClients clients, Object context, Object unused, Object unused2) throws Throwable {
            clients.asyncHttp.channelInactive(context);
            return null;
        }
    },
    /** An AsyncHttpClient {@code sender} writes the request of {@code future} to {@code channel}. */
    ASYNC_HTTP_REQUEST_WRITING(3) {
        @Override
        Object on(AgentClients clients, Object sender, Object future, Object channel) throws Throwable {
            clients.asyncHttp.writing(sender, future, channel);
            return null;
        }
    },
    /** A socket connect to {@code address} failed, whatever client made it. */
    SOCKET_CONNECT_FAILED(2) {
        @Override
        Object on(AgentClients clients, Object address, Object failure, Object unused) {
            if (failure instanceof Throwable t) {
                clients.sockets.connectFailed(address, t);
            }
            return null;
        }
    },
    /** The install self-test's probe ran with its advice in place. */
    SELF_TEST_PASSED(0) {
        @Override
        Object on(AgentClients clients, Object unused, Object unused2, Object unused3) {
            clients.selfTestPassed = true;
            return null;
        }
    },
    /** An Apache classic pool made {@code endpoint} for the lease this thread asked for: the lease to age. */
    APACHE_ENDPOINT_MADE(1) {
        @Override
        Object on(AgentClients clients, Object endpoint, Object unused, Object unused2) {
            clients.apache.endpointMade(endpoint);
            return null;
        }
    },
    /** HttpURLConnection put {@code connection} back in the JVM's keep-alive cache: its response was read or closed. */
    URL_CONNECTION_GIVEN_BACK(1) {
        @Override
        Object on(AgentClients clients, Object connection, Object unused, Object unused2) {
            clients.urlConnections.givenBack(connection);
            return null;
        }
    },
    /** HttpURLConnection's {@code connection} read a response's headers: whether it is kept alive is known now. */
    URL_CONNECTION_RESPONDED(1) {
        @Override
        Object on(AgentClients clients, Object connection, Object unused, Object unused2) throws Throwable {
            clients.urlConnections.responded(connection);
            return null;
        }
    },
    /** An HttpURLConnection response stream was read on this thread: its connection is in use, not leaked. */
    URL_CONNECTION_READ(0) {
        @Override
        Object on(AgentClients clients, Object unused, Object unused2, Object unused3) {
            clients.urlConnections.read();
            return null;
        }
    },
    /** java.net.http: an HTTP/1.1 exchange ({@code http1Exchange}, of {@code exchange}) took its connection. */
    JDK_HTTP1_EXCHANGE(2) {
        @Override
        Object on(AgentClients clients, Object http1Exchange, Object exchange, Object unused) throws Throwable {
            clients.jdk.http1Exchange(http1Exchange, exchange);
            return null;
        }
    },
    /** java.net.http: body bytes reached the HTTP/1.1 response that {@code bodyReader} parses. */
    JDK_BODY_RECEIVED(1) {
        @Override
        Object on(AgentClients clients, Object bodyReader, Object unused, Object unused2) throws Throwable {
            clients.jdk.bodyReceived(bodyReader);
            return null;
        }
    },
    /** java.net.http: {@code connection} goes back to its pool or is closed. */
    JDK_CONNECTION_DONE(1) {
        @Override
        Object on(AgentClients clients, Object connection, Object unused, Object unused2) {
            clients.jdk.connectionDone(connection);
            return null;
        }
    },
    /** An Apache response entity read on this thread: its lease is a stream in progress, not a leak. */
    APACHE_ENTITY_READ(0) {
        @Override
        Object on(AgentClients clients, Object unused, Object unused2, Object unused3) {
            clients.apache.entityRead();
            return null;
        }
    };

    private static final Hook[] BY_NUMBER = values();

    private final int arity;
    private final boolean returnsToken;
    private final boolean returnsEarly;

    Hook(int arity) {
        this(arity, false, false);
    }

    Hook(int arity, boolean returnsToken) {
        this(arity, returnsToken, false);
    }

    Hook(int arity, boolean returnsToken, boolean returnsEarly) {
        this.arity = arity;
        this.returnsToken = returnsToken;
        this.returnsEarly = returnsEarly;
    }

    /** What the hook does with the values woven code hands it; may throw (the caller swallows it). */
    abstract Object on(AgentClients clients, Object a, Object b, Object c) throws Throwable;

    /** The bridge call for this hook with {@code values}, checked against its arity when the seam table is built. */
    BridgeCall with(Value... values) {
        if (values.length != arity) {
            throw new IllegalArgumentException(this + " takes " + arity + " values, not " + values.length);
        }
        return returnsToken ? BridgeCall.keepingToken(ordinal(), name(), values)
                : returnsEarly ? BridgeCall.returningEarly(ordinal(), name(), values)
                : BridgeCall.of(ordinal(), name(), values);
    }

    int arity() {
        return arity;
    }

    boolean returnsToken() {
        return returnsToken;
    }

    /** The hook numbered {@code number} on the bridge, or null for a number this table does not have. */
    static Hook byNumber(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}
