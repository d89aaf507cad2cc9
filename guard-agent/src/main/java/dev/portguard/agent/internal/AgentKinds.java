package dev.portguard.agent.internal;

import dev.portguard.core.FindingType;
import dev.portguard.core.spi.ClientKind;

import java.util.Map;

/** The clients the agent instruments itself, and the fix for each finding in each one's own API. */
final class AgentKinds {
    static final ClientKind HTTPCLIENT5_CLASSIC = ClientKind.of("httpclient5-classic", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one CloseableHttpClient (HttpClients.custom()...build()) and share it; close it only at shutdown.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one CloseableHttpClient and consume or close every response (EntityUtils.consume) so its"
                    + " connection goes back to the pool; do not set a NoConnectionReuseStrategy.",
            FindingType.KEEP_ALIVE_DISABLED,
            "Remove the 'Connection: close' header and keep the default ConnectionReuseStrategy.",
            FindingType.POOL_CHURN,
            "Raise the pool: PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(peak)"
                    + ".setMaxConnTotal(...)."));
    static final ClientKind HTTPCLIENT5_ASYNC = ClientKind.of("httpclient5-async", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one CloseableHttpAsyncClient, start() it once and share it; close it only at shutdown.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one CloseableHttpAsyncClient; do not set a NoConnectionReuseStrategy.",
            FindingType.KEEP_ALIVE_DISABLED,
            "Remove the 'Connection: close' header and keep the default ConnectionReuseStrategy.",
            FindingType.POOL_CHURN,
            "Raise the pool: PoolingAsyncClientConnectionManagerBuilder.create().setMaxConnPerRoute(peak)."));
    static final ClientKind HTTPCLIENT4 = ClientKind.of("httpclient4", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one CloseableHttpClient (HttpClients.custom()...build(), not HttpClients.createDefault() per"
                    + " call) and share it.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one CloseableHttpClient and consume every entity (EntityUtils.consume) so the connection is"
                    + " released; do not use NoConnectionReuseStrategy.",
            FindingType.KEEP_ALIVE_DISABLED,
            "Remove the 'Connection: close' header and keep DefaultConnectionReuseStrategy.",
            FindingType.POOL_CHURN,
            "Raise the pool: HttpClients.custom().setMaxConnPerRoute(peak).setMaxConnTotal(...)."));
    static final ClientKind JDK_HTTPCLIENT = ClientKind.of("jdk-httpclient", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one java.net.http.HttpClient (HttpClient.newBuilder()...build()) and share it: each client has"
                    + " its own connection pool and selector thread.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one java.net.http.HttpClient and read or discard every response body so the connection returns"
                    + " to its pool; check -Djdk.httpclient.keepalive.timeout."));
    static final ClientKind URL_CONNECTION = ClientKind.of("httpurlconnection", Map.of(
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Read each response body to the end and close its stream (do not call disconnect()), so the JVM's"
                    + " keep-alive cache can reuse the connection; or move to a pooled client.",
            FindingType.KEEP_ALIVE_DISABLED,
            "Remove -Dhttp.keepAlive=false and any 'Connection: close' request header; raise"
                    + " -Dhttp.maxConnections (default 5 idle per destination) if callers run concurrently."));

    private AgentKinds() {
    }
}
