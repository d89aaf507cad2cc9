package dev.portguard.agent.internal.clients.apache5;

import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.BasicFuture;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.function.Supplier;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncPushConsumer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.util.TimeValue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What code that built an async client gets in mitigate mode: its own view of the one client its site shares for
 * this configuration, which was built from an identical builder, so its exchanges, redirects, retries, timeouts and
 * failures are the ones the code's own client would give. The view keeps what the code can see of a client's life:
 * it executes only once started and until closed (before, its requests fail as cancelled; after, as a closed
 * client's do, on a pool shut down), reports its own status, and its {@code close} ends it for this code only; the shared client and its
 * I/O reactor go on serving the others. Each view keeps its own cookies, as each client the code built would have
 * (unless the code gave its builder one cookie store, which the clients then shared anyway). Defined in the
 * application's class loader, linked against its HttpClient 5.
 */
public final class SharedAsyncClientView extends CloseableHttpAsyncClient {
    private static final int READY = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;

    private final CloseableHttpAsyncClient shared;
    /** The view's own cookies, or null when the code gave its builder a cookie store. */
    private final CookieStore cookies;
    private final AtomicInteger state = new AtomicInteger(READY);
    private final CountDownLatch closed = new CountDownLatch(1);

    public SharedAsyncClientView(Object shared, boolean ownCookies) {
        this.shared = (CloseableHttpAsyncClient) shared;
        this.cookies = ownCookies ? new BasicCookieStore() : null;
    }

    @Override
    public void start() {
        if (state.compareAndSet(READY, RUNNING)) {
            shared.start(); // once for all views: the shared client starts its reactor at the first
        }
    }

    @Override
    public IOReactorStatus getStatus() {
        switch (state.get()) {
            case READY:
                return IOReactorStatus.INACTIVE;
            case RUNNING:
                return shared.getStatus();
            default:
                return IOReactorStatus.SHUT_DOWN;
        }
    }

    @Override
    public void awaitShutdown(TimeValue waitTime) throws InterruptedException {
        // as the code's own client would: wait until this view is shut down, at most waitTime
        if (waitTime == null || waitTime.getDuration() <= 0) {
            closed.await();
        } else {
            closed.await(waitTime.getDuration(), waitTime.getTimeUnit());
        }
    }

    @Override
    public void initiateShutdown() {
        end();
    }

    @Override
    public void close(CloseMode closeMode) {
        end();
    }

    @Override
    public void close() {
        end();
    }

    private void end() {
        state.set(CLOSED);
        closed.countDown();
    }

    @Override
    protected <T> Future<T> doExecute(HttpHost target, AsyncRequestProducer requestProducer,
                                      AsyncResponseConsumer<T> responseConsumer,
                                      HandlerFactory<AsyncPushConsumer> pushHandlerFactory, HttpContext context,
                                      FutureCallback<T> callback) {
        int now = state.get();
        if (now != RUNNING) {
            // what the code's own client answers before it is started, and once it is closed (its pool shut down)
            BasicFuture<T> refused = new BasicFuture<>(callback);
            refused.failed(now == READY ? new CancellationException("Request execution cancelled")
                    : new IllegalStateException("Connection pool shut down"));
            return refused;
        }
        return shared.execute(target, requestProducer, responseConsumer, pushHandlerFactory, withCookies(context),
                callback);
    }

    /** The code's context, with this view's cookie store where the code's own client would have put its own. */
    @SuppressWarnings("deprecation") // adapt: the one way to wrap a plain context in every 5.x
    private HttpContext withCookies(HttpContext context) {
        if (cookies == null) {
            return context;
        }
        HttpClientContext c = context == null ? HttpClientContext.create() : HttpClientContext.adapt(context);
        if (c.getCookieStore() == null) {
            c.setCookieStore(cookies);
        }
        return c;
    }

    /** Push consumers are kept by the shared client (HTTP/2 server push; registered for all its views). */
    @Override
    @Deprecated
    public void register(String hostname, String uriPattern, Supplier<AsyncPushConsumer> supplier) {
        shared.register(hostname, uriPattern, supplier);
    }

    @Override
    public String toString() {
        return "SharedAsyncClientView[" + shared + "]";
    }
}
