package dev.portguard.agent.internal.clients.jdkhttp;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What code that built a client gets in mitigate mode: its own view of the one client its site shares for this
 * configuration. Every setting and send is the shared client's, which was built from an identical builder, so
 * responses, redirects, cookies, timeouts and failures are what the code's own client would give. Closing the view
 * (JDK 21+: {@code close}, {@code shutdown}, {@code shutdownNow}) closes it for this code only: later sends
 * through it fail as a closed client's do, and the shared client goes on serving the others. Compiled against
 * JDK 17, where those methods do not exist yet; on JDK 21+ these same-named methods override them.
 */
final class SharedJdkClient extends HttpClient {
    private final HttpClient shared;
    private volatile boolean closed;

    SharedJdkClient(HttpClient shared) {
        this.shared = shared;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return shared.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return shared.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return shared.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return shared.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return shared.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return shared.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return shared.authenticator();
    }

    @Override
    public Version version() {
        return shared.version();
    }

    @Override
    public Optional<Executor> executor() {
        return shared.executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (closed) {
            throw new IOException("closed");
        }
        return shared.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("closed"));
        }
        return shared.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushes) {
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("closed"));
        }
        return shared.sendAsync(request, handler, pushes);
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return shared.newWebSocketBuilder();
    }

    // JDK 21+: closing the view leaves the shared client open for the others

    public void close() {
        closed = true;
    }

    public void shutdown() {
        closed = true;
    }

    public void shutdownNow() {
        closed = true;
    }

    public boolean awaitTermination(Duration duration) {
        return closed;
    }

    public boolean isTerminated() {
        return closed;
    }

    @Override
    public String toString() {
        return shared.toString();
    }
}
