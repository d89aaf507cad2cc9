package dev.portguard.httpclient5.internal;

import dev.portguard.core.FindingType;
import dev.portguard.core.spi.ClientKind;

import java.util.Map;

/** How each finding is fixed with HttpClient 5's own API, for the classic and the async client. */
public final class ApacheKinds {
    public static final ClientKind CLASSIC = ClientKind.of("httpclient5-classic", Map.of(
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Build one CloseableHttpClient with one PoolingHttpClientConnectionManager and reuse it for every"
                    + " request; close every CloseableHttpResponse (or pass a HttpClientResponseHandler to execute) so"
                    + " its connection goes back to the pool.",
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Build the CloseableHttpClient and its PoolingHttpClientConnectionManager once (a singleton or an"
                    + " injected bean) and share them across threads, instead of HttpClients.createDefault() or a new"
                    + " connection manager per call; close them only at shutdown.",
            FindingType.KEEP_ALIVE_DISABLED,
            "Remove NoConnectionReuseStrategy (or any ConnectionReuseStrategy returning false) from"
                    + " HttpClientBuilder.setConnectionReuseStrategy and the 'Connection: close' request header, so"
                    + " the PoolingHttpClientConnectionManager keeps connections for the next request.",
            FindingType.POOL_CHURN,
            "Raise PoolingHttpClientConnectionManagerBuilder.setMaxConnTotal (and setMaxConnPerRoute) to the"
                    + " callers' peak concurrency over all routes: a full pool closes idle connections of one route to"
                    + " open connections to another."));

    public static final ClientKind ASYNC = ClientKind.of("httpclient5-async", Map.of(
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Build one CloseableHttpAsyncClient with one PoolingAsyncClientConnectionManager, start it once and"
                    + " reuse it for every request.",
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Build and start the CloseableHttpAsyncClient and its PoolingAsyncClientConnectionManager once (a"
                    + " singleton or an injected bean) instead of HttpAsyncClients.createDefault() or a new"
                    + " connection manager per call; close them only at shutdown.",
            FindingType.KEEP_ALIVE_DISABLED,
            "Remove the ConnectionReuseStrategy that returns false from"
                    + " HttpAsyncClientBuilder.setConnectionReuseStrategy and the 'Connection: close' request header,"
                    + " so the PoolingAsyncClientConnectionManager keeps connections for the next request.",
            FindingType.POOL_CHURN,
            "Raise PoolingAsyncClientConnectionManagerBuilder.setMaxConnTotal (and setMaxConnPerRoute) to the"
                    + " callers' peak concurrency over all routes: a full pool closes idle connections of one route to"
                    + " open connections to another."));

    /**
     * The HTTP/2-only async client ({@code HttpAsyncClients.createHttp2Default()}, {@code customHttp2()}): one
     * connection per destination carries every stream, so only building it per call, or a connection that does
     * not last, costs ports.
     */
    public static final ClientKind H2 = ClientKind.of("httpclient5-h2", Map.of(
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Build one HTTP/2 CloseableHttpAsyncClient (HttpAsyncClients.customHttp2()), start it once and reuse it"
                    + " for every request: its one connection per destination carries every request at once.",
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Build and start the HTTP/2 CloseableHttpAsyncClient once (a singleton or an injected bean) instead of"
                    + " HttpAsyncClients.createHttp2Default() or customHttp2().build() per call; close it only at"
                    + " shutdown.",
            FindingType.POOL_CHURN,
            "Reuse one HTTP/2 CloseableHttpAsyncClient and keep its connections open between requests (no"
                    + " IdleConnectionEvictor shorter than the gap between calls): one connection per destination"
                    + " serves every concurrent request."));

    private ApacheKinds() {
    }
}
