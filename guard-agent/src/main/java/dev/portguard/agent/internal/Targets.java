package dev.portguard.agent.internal;

import java.util.Map;

/**
 * The classes the agent instruments, by exact name, and the library each belongs to. See {@link AgentSeams}
 * for what is woven into each.
 */
final class Targets {
    static final String OKHTTP = "OkHttp";
    static final String HTTPCLIENT5 = "Apache HttpClient 5";
    static final String HTTPCLIENT4 = "Apache HttpClient 4";
    static final String JDK_HTTPCLIENT = "java.net.http.HttpClient";
    static final String URL_CONNECTION = "HttpURLConnection";
    static final String GRPC = "gRPC-java";
    static final String REACTOR_NETTY = "Reactor Netty";
    static final String JETTY = "Jetty HttpClient";
    static final String ASYNC_HTTP = "AsyncHttpClient";
    static final String SOCKETS = "JDK sockets";
    static final String SELF_TEST = "self-test";

    static final String OKHTTP_CLIENT = "okhttp3.OkHttpClient";
    static final String HC5_CLASSIC_MANAGER = "org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager";
    static final String HC5_ASYNC_MANAGER = "org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager";
    static final String HC5_CLASSIC_BUILDER = "org.apache.hc.client5.http.impl.classic.HttpClientBuilder";
    static final String HC5_ASYNC_BUILDER = "org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder";
    static final String HC5_H2_CLIENT = "org.apache.hc.client5.http.impl.async.InternalH2AsyncClient";
    static final String HC5_H2_EXCHANGE = "org.apache.hc.client5.http.impl.async.InternalH2AsyncExecRuntime";
    static final String HC5_H2_CONN_POOL = "org.apache.hc.core5.http2.nio.pool.H2ConnPool";
    static final String HC5_H2_SESSION_POOL = "org.apache.hc.client5.http.impl.async.InternalH2ConnPool$SessionPool";
    static final String HC5_POOL_ENTRY = "org.apache.hc.core5.pool.PoolEntry";
    static final String HC5_CONNECTION_BASE = "org.apache.hc.core5.http.impl.io.BHttpConnectionBase";
    static final String HC5_CLIENT_CONNECTION = "org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection";
    static final String HC5_ASYNC_CLIENT_BASE = "org.apache.hc.client5.http.impl.async.AbstractHttpAsyncClientBase";
    static final String HC4_BUILDER = "org.apache.http.impl.client.HttpClientBuilder";
    static final String HC4_MANAGER = "org.apache.http.impl.conn.PoolingHttpClientConnectionManager";
    static final String HC5_CLASSIC_ENDPOINT =
            "org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager$InternalConnectionEndpoint";
    static final String HC5_ENTITY_STREAM = "org.apache.hc.core5.http.io.EofSensorInputStream";
    static final String HC4_ENDPOINT = "org.apache.http.impl.conn.CPoolProxy";
    static final String HC4_ENTITY_STREAM = "org.apache.http.conn.EofSensorInputStream";
    static final String JDK_CLIENT = "jdk.internal.net.http.HttpClientImpl";
    static final String JDK_CLIENT_BUILDER = "jdk.internal.net.http.HttpClientBuilderImpl";
    static final String JDK_CONNECTION = "jdk.internal.net.http.PlainHttpConnection";
    static final String JDK_EXCHANGE = "jdk.internal.net.http.Exchange";
    static final String JDK_HTTP1_EXCHANGE = "jdk.internal.net.http.Http1Exchange";
    static final String JDK_BODY_READER = "jdk.internal.net.http.Http1Response$BodyReader";
    static final String JDK_ANY_CONNECTION = "jdk.internal.net.http.HttpConnection";
    static final String JDK_SSL_CONNECTION = "jdk.internal.net.http.AsyncSSLConnection";
    static final String JDK_TUNNEL_CONNECTION = "jdk.internal.net.http.PlainTunnelingConnection";
    static final String JDK_SSL_TUNNEL_CONNECTION = "jdk.internal.net.http.AsyncSSLTunnelConnection";
    static final String URL_CLIENT = "sun.net.www.http.HttpClient";
    static final String URL_STREAM = "sun.net.www.protocol.http.HttpURLConnection$HttpInputStream";
    static final String URL_HTTPS_CLIENT = "sun.net.www.protocol.https.HttpsClient";
    static final String GRPC_CHANNEL_BUILDER = "io.grpc.internal.ManagedChannelImplBuilder";
    static final String REACTOR_PROVIDER = "reactor.netty.resources.PooledConnectionProvider";
    static final String REACTOR_POOLED_PROVIDER = "reactor.netty.resources.DefaultPooledConnectionProvider";
    static final String REACTOR_CHANNEL = REACTOR_POOLED_PROVIDER + "$PooledConnection";
    static final String REACTOR_ACQUISITION = REACTOR_POOLED_PROVIDER + "$DisposableAcquire";
    static final String REACTOR_PIPELINE_HEAD = "io.netty.channel.DefaultChannelPipeline$HeadContext";
    static final String REACTOR_UNPOOLED_PROVIDER = "reactor.netty.resources.NewConnectionProvider";
    static final String REACTOR_H2_ACQUISITION = "reactor.netty.http.client.Http2ConnectionProvider$DisposableAcquire";
    static final String REACTOR_H2_STREAM = "reactor.netty.http.client.Http2Pool$Http2PooledRef";
    static final String JETTY_CLIENT = "org.eclipse.jetty.client.HttpClient";
    static final String JETTY_DESTINATION = "org.eclipse.jetty.client.transport.HttpDestination";
    static final String JETTY_CONNECTION_POOL = "org.eclipse.jetty.client.AbstractConnectionPool";
    static final String JETTY_H2_CONNECTION = "org.eclipse.jetty.http2.client.transport.internal.HttpConnectionOverHTTP2";
    static final String ASYNC_HTTP_SENDER = "org.asynchttpclient.netty.request.NettyRequestSender";
    static final String ASYNC_HTTP_CHANNEL_MANAGER = "org.asynchttpclient.netty.channel.ChannelManager";
    static final String ASYNC_HTTP_CHANNELS = "org.asynchttpclient.netty.channel.Channels";
    static final String ASYNC_HTTP_HANDLER = "org.asynchttpclient.netty.handler.AsyncHttpClientHandler";
    static final String SOCKET = "java.net.Socket";
    static final String SOCKET_CHANNEL = "sun.nio.ch.SocketChannelImpl";
    static final String PROBE = "dev.portguard.agent.internal.SelfTestProbe";

    /** Binary name to library. */
    static final Map<String, String> LIBRARY_BY_CLASS = Map.ofEntries(
            Map.entry(OKHTTP_CLIENT, OKHTTP),
            Map.entry(HC5_CLASSIC_MANAGER, HTTPCLIENT5),
            Map.entry(HC5_ASYNC_MANAGER, HTTPCLIENT5),
            Map.entry(HC5_CLASSIC_BUILDER, HTTPCLIENT5),
            Map.entry(HC5_ASYNC_BUILDER, HTTPCLIENT5),
            Map.entry(HC5_H2_CLIENT, HTTPCLIENT5),
            Map.entry(HC5_H2_EXCHANGE, HTTPCLIENT5),
            Map.entry(HC5_H2_CONN_POOL, HTTPCLIENT5),
            Map.entry(HC5_H2_SESSION_POOL, HTTPCLIENT5),
            Map.entry(HC5_POOL_ENTRY, HTTPCLIENT5),
            Map.entry(HC5_CONNECTION_BASE, HTTPCLIENT5),
            Map.entry(HC5_CLIENT_CONNECTION, HTTPCLIENT5),
            Map.entry(HC5_ASYNC_CLIENT_BASE, HTTPCLIENT5),
            Map.entry(HC4_MANAGER, HTTPCLIENT4),
            Map.entry(HC4_BUILDER, HTTPCLIENT4),
            Map.entry(HC5_CLASSIC_ENDPOINT, HTTPCLIENT5),
            Map.entry(HC5_ENTITY_STREAM, HTTPCLIENT5),
            Map.entry(HC4_ENDPOINT, HTTPCLIENT4),
            Map.entry(HC4_ENTITY_STREAM, HTTPCLIENT4),
            Map.entry(JDK_CLIENT, JDK_HTTPCLIENT),
            Map.entry(JDK_CLIENT_BUILDER, JDK_HTTPCLIENT),
            Map.entry(JDK_CONNECTION, JDK_HTTPCLIENT),
            Map.entry(JDK_EXCHANGE, JDK_HTTPCLIENT),
            Map.entry(JDK_HTTP1_EXCHANGE, JDK_HTTPCLIENT),
            Map.entry(JDK_BODY_READER, JDK_HTTPCLIENT),
            Map.entry(JDK_ANY_CONNECTION, JDK_HTTPCLIENT),
            Map.entry(JDK_SSL_CONNECTION, JDK_HTTPCLIENT),
            Map.entry(JDK_TUNNEL_CONNECTION, JDK_HTTPCLIENT),
            Map.entry(JDK_SSL_TUNNEL_CONNECTION, JDK_HTTPCLIENT),
            Map.entry(URL_CLIENT, URL_CONNECTION),
            Map.entry(URL_STREAM, URL_CONNECTION),
            Map.entry(URL_HTTPS_CLIENT, URL_CONNECTION),
            Map.entry(GRPC_CHANNEL_BUILDER, GRPC),
            Map.entry(REACTOR_PROVIDER, REACTOR_NETTY),
            Map.entry(REACTOR_POOLED_PROVIDER, REACTOR_NETTY),
            Map.entry(REACTOR_CHANNEL, REACTOR_NETTY),
            Map.entry(REACTOR_ACQUISITION, REACTOR_NETTY),
            Map.entry(REACTOR_PIPELINE_HEAD, REACTOR_NETTY),
            Map.entry(REACTOR_UNPOOLED_PROVIDER, REACTOR_NETTY),
            Map.entry(REACTOR_H2_ACQUISITION, REACTOR_NETTY),
            Map.entry(REACTOR_H2_STREAM, REACTOR_NETTY),
            Map.entry(JETTY_CLIENT, JETTY),
            Map.entry(JETTY_DESTINATION, JETTY),
            Map.entry(JETTY_CONNECTION_POOL, JETTY),
            Map.entry(JETTY_H2_CONNECTION, JETTY),
            Map.entry(ASYNC_HTTP_SENDER, ASYNC_HTTP),
            Map.entry(ASYNC_HTTP_CHANNEL_MANAGER, ASYNC_HTTP),
            Map.entry(ASYNC_HTTP_CHANNELS, ASYNC_HTTP),
            Map.entry(ASYNC_HTTP_HANDLER, ASYNC_HTTP),
            Map.entry(SOCKET, SOCKETS),
            Map.entry(SOCKET_CHANNEL, SOCKETS),
            Map.entry(PROBE, SELF_TEST));

    private Targets() {
    }
}
