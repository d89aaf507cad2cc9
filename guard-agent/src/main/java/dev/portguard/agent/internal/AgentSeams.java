package dev.portguard.agent.internal;

import dev.portguard.agent.internal.weave.ClassSeams;
import dev.portguard.agent.internal.weave.MethodMatch;
import dev.portguard.agent.internal.weave.Seam;
import dev.portguard.agent.internal.weave.Seam.Exit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.portguard.agent.internal.weave.MethodMatch.constructor;
import static dev.portguard.agent.internal.weave.MethodMatch.method;
import static dev.portguard.agent.internal.weave.Value.argument;
import static dev.portguard.agent.internal.weave.Value.constant;
import static dev.portguard.agent.internal.weave.Value.noFailure;
import static dev.portguard.agent.internal.weave.Value.returned;
import static dev.portguard.agent.internal.weave.Value.self;
import static dev.portguard.agent.internal.weave.Value.thrown;
import static dev.portguard.agent.internal.weave.Value.token;

/**
 * Every method the agent advises and the bridge call woven into it. Methods are matched by exact name, argument
 * count and, where overloads need it, argument types; a class where one of its seams matches nothing (another
 * version of the library) is left alone.
 */
final class AgentSeams {
    private static final String HC5_ROUTE = "org.apache.hc.client5.http.HttpRoute";
    private static final String HC4_ROUTE = "org.apache.http.conn.routing.HttpRoute";
    /** Reactor Netty carries its own copy of reactor-pool. */
    private static final String REACTOR_POOLED_REF = "reactor.netty.internal.shaded.reactor.pool.PooledRef";
    private static final String JETTY_EXCHANGE = "org.eclipse.jetty.client.transport.HttpExchange";
    private static final String JETTY_CONNECTION = "org.eclipse.jetty.client.Connection";
    /** The kind names of the Apache managers, as their integrations name them. */
    private static final String HC5_CLASSIC = "httpclient5-classic";
    private static final String HC5_ASYNC = "httpclient5-async";
    private static final String HC4 = "httpclient4";

    /** By internal name ({@code okhttp3/OkHttpClient}), as a ClassFileTransformer is given it. */
    static final Map<String, ClassSeams> BY_INTERNAL_NAME = byInternalName();

    private AgentSeams() {
    }

    /** A plain loop, no stream: this runs in premain, where every lambda and stream class is start-up time. */
    private static Map<String, ClassSeams> byInternalName() {
        Map<String, ClassSeams> byName = new HashMap<>();
        for (ClassSeams c : all()) {
            byName.put(c.internalName(), c);
        }
        return Map.copyOf(byName);
    }

    static List<ClassSeams> all() {
        return List.of(
                // before the client copies its builder; also behind new OkHttpClient()
                ClassSeams.of(Targets.OKHTTP_CLIENT, Targets.OKHTTP,
                        Seam.onEnter(constructor(1).withArgument(0, "okhttp3.OkHttpClient$Builder"),
                                Hook.OKHTTP_CLIENT_BUILDING.with(argument(0)))),

                ClassSeams.of(Targets.HC5_CLASSIC_MANAGER, Targets.HTTPCLIENT5,
                        managerCreated(HC5_CLASSIC),
                        // lease(id, route, state) delegates to lease(id, route, timeout, state): advise the latter
                        Seam.onEnter(method("lease", 4).withArgument(1, HC5_ROUTE),
                                Hook.APACHE_ROUTE_LEASED.with(self(), argument(1))),
                        connected(method("connect", 3), 0),
                        releasedKeeping(method("release", 3))),
                // in mitigate mode, a client that would build its own default manager may get the site's shared one
                ClassSeams.of(Targets.HC5_CLASSIC_BUILDER, Targets.HTTPCLIENT5,
                        Seam.onEnter(method("build", 0), Hook.APACHE5_CLIENT_BUILDING.with(self()))),
                ClassSeams.of(Targets.HC5_ASYNC_MANAGER, Targets.HTTPCLIENT5,
                        managerCreated(HC5_ASYNC),
                        Seam.onEnter(method("lease", 5).withArgument(1, HC5_ROUTE),
                                Hook.APACHE_ROUTE_LEASED.with(self(), argument(1))),
                        // counted on entry: the connection can complete, serve and be released on the I/O thread
                        // before connect returns here
                        Seam.onEnter(method("connect", 6),
                                Hook.APACHE_ROUTE_CONNECTED.with(self(), argument(0), noFailure())),
                        releasedKeeping(method("release", 3))),
                // in mitigate mode, an async client built per request may be answered by the site's shared one
                ClassSeams.of(Targets.HC5_ASYNC_BUILDER, Targets.HTTPCLIENT5,
                        Seam.onEnter(method("build", 0), Hook.APACHE5_ASYNC_CLIENT_BUILDING.with(self()))),

                // the HTTP/2-only async client (H2AsyncClientBuilder): built over its own pool; each exchange asks
                // it for the destination's one connection and gives it back; the pool connects (core's H2ConnPool in
                // 5.1, InternalH2ConnPool's session pool in later releases)
                ClassSeams.of(Targets.HC5_H2_CLIENT, Targets.HTTPCLIENT5,
                        Seam.onExit(constructor(12), Hook.APACHE5_H2_CLIENT_CREATED.with(argument(4)), Exit.RETURN)),
                ClassSeams.of(Targets.HC5_H2_EXCHANGE, Targets.HTTPCLIENT5,
                        Seam.onEnter(method("acquireEndpoint", 5).withArgument(1, HC5_ROUTE),
                                Hook.APACHE5_H2_STREAM_ACQUIRING.with(self(), argument(1))),
                        Seam.onEnter(method("releaseEndpoint", 0), Hook.APACHE5_H2_STREAM_RELEASED.with(self())),
                        Seam.onEnter(method("discardEndpoint", 0), Hook.APACHE5_H2_STREAM_RELEASED.with(self()))),
                ClassSeams.of(Targets.HC5_H2_CONN_POOL, Targets.HTTPCLIENT5,
                        Seam.onEnter(method("connectSession", 3).withArgument(0, "org.apache.hc.core5.http.HttpHost"),
                                Hook.APACHE5_H2_CONNECTING.with(self(), argument(0)))),
                ClassSeams.of(Targets.HC5_H2_SESSION_POOL, Targets.HTTPCLIENT5,
                        Seam.onEnter(method("connectSession", 3).withArgument(0, HC5_ROUTE),
                                Hook.APACHE5_H2_CONNECTING.with(self(), argument(0)))),

                // closes of HttpClient 5's pooled connections: every one ends in its pool entry's discardConnection;
                // who closed first is read from a classic lease's stale check, a classic response's Connection
                // header, and an async client closing its I/O reactor before its pool
                ClassSeams.of(Targets.HC5_POOL_ENTRY, Targets.HTTPCLIENT5,
                        Seam.onEnter(method("discardConnection", 1),
                                Hook.APACHE5_CONNECTION_DISCARDING.with(self()))),
                ClassSeams.of(Targets.HC5_CONNECTION_BASE, Targets.HTTPCLIENT5,
                        Seam.onEnter(method("isStale", 0), Hook.APACHE5_STALE_CHECKING.with(self()))),
                ClassSeams.of(Targets.HC5_CLIENT_CONNECTION, Targets.HTTPCLIENT5,
                        Seam.onExit(method("receiveResponseHeader", 0),
                                Hook.APACHE5_RESPONSE_RECEIVED.with(self(), returned()), Exit.RETURN)),
                ClassSeams.of(Targets.HC5_ASYNC_CLIENT_BASE, Targets.HTTPCLIENT5,
                        Seam.onEnter(method("close", 1).withArgument(0, "org.apache.hc.core5.io.CloseMode"),
                                Hook.APACHE5_ASYNC_CLIENT_CLOSING.with(self()))),

                ClassSeams.of(Targets.HC4_BUILDER, Targets.HTTPCLIENT4,
                        Seam.onEnter(method("build", 0), Hook.APACHE4_CLIENT_BUILDING.with(self()))),
                ClassSeams.of(Targets.HC4_MANAGER, Targets.HTTPCLIENT4,
                        managerCreated(HC4),
                        Seam.onEnter(method("requestConnection", 2).withArgument(0, HC4_ROUTE),
                                Hook.APACHE_ROUTE_LEASED.with(self(), argument(0))),
                        connected(method("connect", 4).withArgument(1, HC4_ROUTE), 1),
                        released(method("releaseConnection", 4))),

                // the classic endpoints a lease hands out, and the streams their responses are read through: what
                // ages a lease for CONNECTION_LEAK and tells a stream in progress from a leak
                // its one constructor: (entry), or (manager, entry) in 5.1, where the class is an inner one
                ClassSeams.of(Targets.HC5_CLASSIC_ENDPOINT, Targets.HTTPCLIENT5,
                        Seam.onExit(constructor(-1), Hook.APACHE_ENDPOINT_MADE.with(self()), Exit.RETURN)),
                ClassSeams.of(Targets.HC5_ENTITY_STREAM, Targets.HTTPCLIENT5, entityRead(method("read", 0)),
                        entityRead(method("read", 3))),
                ClassSeams.of(Targets.HC4_ENDPOINT, Targets.HTTPCLIENT4,
                        Seam.onExit(constructor(1), Hook.APACHE_ENDPOINT_MADE.with(self()), Exit.RETURN)),
                ClassSeams.of(Targets.HC4_ENTITY_STREAM, Targets.HTTPCLIENT4, entityRead(method("read", 0)),
                        entityRead(method("read", 3))),

                ClassSeams.of(Targets.JDK_CLIENT, Targets.JDK_HTTPCLIENT,
                        Seam.onExit(constructor(-1), Hook.JDK_CLIENT_CREATED.with(self()), Exit.RETURN),
                        // the one internal sendAsync behind send and both public sendAsyncs
                        Seam.around(method("sendAsync", 4),
                                Hook.JDK_REQUEST_STARTING.with(self(), argument(0)),
                                Hook.JDK_REQUEST_SENT.with(token(), returned(), thrown()),
                                Exit.RETURN_OR_THROW)),
                // in mitigate mode, a client built per request may be answered from the site's shared clients
                ClassSeams.of(Targets.JDK_CLIENT_BUILDER, Targets.JDK_HTTPCLIENT,
                        Seam.onEnter(method("build", 0), Hook.JDK_CLIENT_BUILDING.with(self()))),
                // JDK 17: (address, client); JDK 21+ adds a label. Every TCP connection of the client is one of these,
                // under TLS and HTTP/2 too: its close() (and JDK 21+'s close(Throwable)) is the connection's close
                ClassSeams.of(Targets.JDK_CONNECTION, Targets.JDK_HTTPCLIENT,
                        Seam.onExit(constructor(-1).withArgument(0, "java.net.InetSocketAddress"),
                                Hook.JDK_CONNECTION_OPENING.with(argument(1), argument(0), self()), Exit.RETURN),
                        Seam.onEnter(method("close", -1), Hook.JDK_CONNECTION_CLOSING.with(self()))),

                // every exchange of a send: the first, then each redirect or retry the client follows
                ClassSeams.of(Targets.JDK_EXCHANGE, Targets.JDK_HTTPCLIENT,
                        Seam.onExit(constructor(-1).withArgument(0, "jdk.internal.net.http.HttpRequestImpl"),
                                Hook.JDK_EXCHANGE_CREATED.with(argument(0), argument(1)), Exit.RETURN)),

                // a send's HTTP/1.1 connection, held until its body is received to the end or closed (CONNECTION_LEAK)
                ClassSeams.of(Targets.JDK_HTTP1_EXCHANGE, Targets.JDK_HTTPCLIENT,
                        Seam.onExit(constructor(2), Hook.JDK_HTTP1_EXCHANGE.with(self(), argument(0)), Exit.RETURN)),
                ClassSeams.of(Targets.JDK_BODY_READER, Targets.JDK_HTTPCLIENT,
                        Seam.onEnter(method("handle", 3), Hook.JDK_BODY_RECEIVED.with(self()))),
                ClassSeams.of(Targets.JDK_ANY_CONNECTION, Targets.JDK_HTTPCLIENT,
                        Seam.onEnter(method("closeOrReturnToCache", 1), Hook.JDK_CONNECTION_DONE.with(self()))),
                // every close of the other connections an Http1Exchange holds
                ClassSeams.of(Targets.JDK_SSL_CONNECTION, Targets.JDK_HTTPCLIENT, connectionDone()),
                ClassSeams.of(Targets.JDK_TUNNEL_CONNECTION, Targets.JDK_HTTPCLIENT, connectionDone()),
                ClassSeams.of(Targets.JDK_SSL_TUNNEL_CONNECTION, Targets.JDK_HTTPCLIENT, connectionDone()),

                ClassSeams.of(Targets.URL_CLIENT, Targets.URL_CONNECTION,
                        Seam.onExit(method("openServer", 0), Hook.URL_CONNECTION_OPENED.with(), Exit.RETURN),
                        Seam.onExit(method("New", 5).asStatic().withArgument(0, "java.net.URL")
                                        .withArgument(1, "java.net.Proxy"),
                                Hook.URL_CONNECTION_ACQUIRED.with(argument(0), returned()), Exit.RETURN),
                        Seam.onEnter(method("closeServer", 0), Hook.URL_CONNECTION_CLOSED.with(self())),
                        // JDK 17: (headers, progress, connection); JDK 21+: (headers, connection)
                        Seam.onExit(method("parseHTTP", -1), Hook.URL_CONNECTION_RESPONDED.with(self()), Exit.RETURN),
                        givenBack()),
                ClassSeams.of(Targets.URL_HTTPS_CLIENT, Targets.URL_CONNECTION,
                        Seam.onExit(method("New", 7).asStatic().withArgument(1, "java.net.URL"),
                                Hook.URL_CONNECTION_ACQUIRED.with(argument(1), returned()), Exit.RETURN),
                        givenBack()),
                // reads of a response body: a stream in progress, not a leak
                ClassSeams.of(Targets.URL_STREAM, Targets.URL_CONNECTION,
                        Seam.onExit(method("read", 0), Hook.URL_CONNECTION_READ.with(), Exit.RETURN),
                        Seam.onExit(method("read", 3), Hook.URL_CONNECTION_READ.with(), Exit.RETURN)),

                // every gRPC channel builder (Netty, Netty shaded, OkHttp, forTarget, Grpc.newChannelBuilder)
                // builds here; guarded before it reads its interceptors
                ClassSeams.of(Targets.GRPC_CHANNEL_BUILDER, Targets.GRPC,
                        Seam.onEnter(method("build", 0), Hook.GRPC_CHANNEL_BUILDING.with(self()))),

                // Reactor Netty (HttpClient, WebClient): providers, acquisitions, channels; HTTP/2 connections come
                // from the same pools, and each stream on one is a request
                ClassSeams.of(Targets.REACTOR_PROVIDER, Targets.REACTOR_NETTY,
                        // (builder, clock): every provider's constructor ends up here
                        Seam.onExit(constructor(2).withArgument(0, "reactor.netty.resources.ConnectionProvider$Builder"),
                                Hook.REACTOR_PROVIDER_CREATED.with(self()), Exit.RETURN)),
                ClassSeams.of(Targets.REACTOR_POOLED_PROVIDER, Targets.REACTOR_NETTY,
                        Seam.onEnter(method("createDisposableAcquire", 6),
                                Hook.REACTOR_ACQUIRING.with(self(), argument(3), argument(1)))),
                ClassSeams.of(Targets.REACTOR_ACQUISITION, Targets.REACTOR_NETTY,
                        Seam.onEnter(method("onNext", 1).withArgument(0, REACTOR_POOLED_REF),
                                Hook.REACTOR_CHANNEL_HANDED.with(argument(0)))),
                ClassSeams.of(Targets.REACTOR_CHANNEL, Targets.REACTOR_NETTY,
                        Seam.onExit(constructor(2), Hook.REACTOR_CHANNEL_CREATED.with(self(), argument(1)), Exit.RETURN),
                        Seam.onEnter(method("onStateChange", 2),
                                Hook.REACTOR_CHANNEL_STATE.with(self(), argument(1)))),
                // a close the client asks for reaches the head of the channel's pipeline; Netty closes a channel whose
                // peer ended the stream without it
                ClassSeams.of(Targets.REACTOR_PIPELINE_HEAD, Targets.REACTOR_NETTY,
                        Seam.onEnter(method("close", 2).withArgument(0, "io.netty.channel.ChannelHandlerContext"),
                                Hook.REACTOR_CHANNEL_CLOSING.with(argument(0)))),
                ClassSeams.of(Targets.REACTOR_UNPOOLED_PROVIDER, Targets.REACTOR_NETTY,
                        Seam.onEnter(method("acquire", 4), Hook.REACTOR_UNPOOLED_CONNECTING.with(argument(2)))),
                ClassSeams.of(Targets.REACTOR_H2_ACQUISITION, Targets.REACTOR_NETTY,
                        Seam.onEnter(method("onNext", 1).withArgument(0, REACTOR_POOLED_REF),
                                Hook.REACTOR_STREAM_ACQUIRED.with(argument(0)))),
                ClassSeams.of(Targets.REACTOR_H2_STREAM, Targets.REACTOR_NETTY,
                        Seam.onEnter(method("invalidate", 0), Hook.REACTOR_STREAM_ENDED.with(self()))),

                // Jetty 12 HttpClient: clients where they start, exchanges queued per destination, and the
                // connections of each destination's pool (created, handed to a request, given back, dropped)
                ClassSeams.of(Targets.JETTY_CLIENT, Targets.JETTY,
                        Seam.onEnter(method("doStart", 0), Hook.JETTY_CLIENT_STARTING.with(self()))),
                ClassSeams.of(Targets.JETTY_DESTINATION, Targets.JETTY,
                        Seam.onEnter(method("send", 1).withArgument(0, JETTY_EXCHANGE),
                                Hook.JETTY_REQUEST_QUEUED.with(self()))),
                ClassSeams.of(Targets.JETTY_CONNECTION_POOL, Targets.JETTY,
                        Seam.onEnter(method("onCreated", 1).withArgument(0, JETTY_CONNECTION),
                                Hook.JETTY_CONNECTION_CREATED.with(self(), argument(0))),
                        Seam.onExit(method("acquire", 1),
                                Hook.JETTY_CONNECTION_ACQUIRED.with(self(), returned()), Exit.RETURN),
                        Seam.onEnter(method("release", 1).withArgument(0, JETTY_CONNECTION),
                                Hook.JETTY_CONNECTION_RELEASED.with(self(), argument(0))),
                        Seam.onEnter(method("remove", 1).withArgument(0, JETTY_CONNECTION),
                                Hook.JETTY_CONNECTION_REMOVED.with(self(), argument(0)))),
                // an HTTP/2 connection's close() is the client's own decision (stop, close); the server's GOAWAY or
                // end of stream closes it by other paths
                ClassSeams.of(Targets.JETTY_H2_CONNECTION, Targets.JETTY,
                        Seam.onEnter(method("close", 0), Hook.JETTY_CONNECTION_CLOSING.with(self()))),

                // AsyncHttpClient 2.x, 3.x: one request sender per client; every request (and redirect or retry)
                // is written to its channel here, new or pooled
                ClassSeams.of(Targets.ASYNC_HTTP_SENDER, Targets.ASYNC_HTTP,
                        Seam.onExit(constructor(4), Hook.ASYNC_HTTP_CLIENT_CREATED.with(self(), argument(1)),
                                Exit.RETURN),
                        Seam.onEnter(method("writeRequest", 2).withArgument(1, "io.netty.channel.Channel"),
                                Hook.ASYNC_HTTP_REQUEST_WRITING.with(self(), argument(0), argument(1)))),
                // closes: the client closing itself, or one channel of its own accord; a channel becoming inactive
                // otherwise was closed by the server
                ClassSeams.of(Targets.ASYNC_HTTP_CHANNEL_MANAGER, Targets.ASYNC_HTTP,
                        Seam.onEnter(method("close", 0), Hook.ASYNC_HTTP_CLIENT_CLOSING.with(self()))),
                ClassSeams.of(Targets.ASYNC_HTTP_CHANNELS, Targets.ASYNC_HTTP,
                        Seam.onEnter(method("silentlyCloseChannel", 1).withArgument(0, "io.netty.channel.Channel"),
                                Hook.ASYNC_HTTP_CHANNEL_CLOSING.with(argument(0)))),
                ClassSeams.of(Targets.ASYNC_HTTP_HANDLER, Targets.ASYNC_HTTP,
                        Seam.onEnter(method("channelInactive", 1), Hook.ASYNC_HTTP_CHANNEL_INACTIVE.with(argument(0)))),

                // any client: only failures are reported, so only the throw path is woven
                ClassSeams.of(Targets.SOCKET, Targets.SOCKETS,
                        Seam.onExit(method("connect", 2).withArgument(0, "java.net.SocketAddress"),
                                Hook.SOCKET_CONNECT_FAILED.with(argument(0), thrown()), Exit.THROW)),
                ClassSeams.of(Targets.SOCKET_CHANNEL, Targets.SOCKETS,
                        Seam.onExit(method("connect", 1).withArgument(0, "java.net.SocketAddress"),
                                Hook.SOCKET_CONNECT_FAILED.with(argument(0), thrown()), Exit.THROW)),

                ClassSeams.of(Targets.PROBE, Targets.SELF_TEST,
                        Seam.onExit(method("touch", 0), Hook.SELF_TEST_PASSED.with(), Exit.RETURN)));
    }

    /** Every constructor: the manager registers itself with the code that created it as its site. */
    private static Seam managerCreated(String client) {
        return Seam.onExit(constructor(-1), Hook.APACHE_MANAGER_CREATED.with(self(), constant(client)), Exit.RETURN);
    }

    /** A new connection for a leased route or endpoint ({@code routeArgument}), or its failure. */
    private static Seam connected(MethodMatch connect, int routeArgument) {
        return Seam.onExit(connect, Hook.APACHE_ROUTE_CONNECTED.with(self(), argument(routeArgument), thrown()),
                Exit.RETURN_OR_THROW);
    }

    /** HttpClient 5's release(endpoint, state, keepAlive): a zero keep-alive means the connection is given up. */
    private static Seam releasedKeeping(MethodMatch release) {
        return Seam.onEnter(release, Hook.APACHE_ENDPOINT_RELEASED_KEEPING.with(self(), argument(0), argument(2)));
    }

    private static Seam entityRead(MethodMatch read) {
        return Seam.onExit(read, Hook.APACHE_ENTITY_READ.with(), Exit.RETURN);
    }

    /** A java.net.http connection closed; matches close() and, where the JDK has it, close(Throwable). */
    private static Seam connectionDone() {
        return Seam.onEnter(method("close", -1), Hook.JDK_CONNECTION_DONE.with(self()));
    }

    /** HttpURLConnection's connection goes back to the keep-alive cache (HttpsClient has its own). */
    private static Seam givenBack() {
        return Seam.onEnter(method("putInKeepAliveCache", 0), Hook.URL_CONNECTION_GIVEN_BACK.with(self()));
    }

    private static Seam released(MethodMatch release) {
        return Seam.onEnter(release, Hook.APACHE_ENDPOINT_RELEASED.with(self(), argument(0)));
    }
}
