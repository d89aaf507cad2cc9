package dev.portguard.httpclient5.internal;

import dev.portguard.core.spi.PoolDestination;
import org.apache.hc.client5.http.EndpointInfo;
import org.apache.hc.client5.http.nio.AsyncConnectionEndpoint;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.nio.AsyncClientExchangeHandler;
import org.apache.hc.core5.http.nio.AsyncPushConsumer;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Identifiable;
import org.apache.hc.core5.util.Timeout;

/**
 * One lease of the async pool: the callback that learns the lease was granted and the endpoint handed on in its
 * place, in one object, the only one the guard allocates per request. It remembers the destination for
 * {@code connect} and {@code release}, and the context of the last exchange, whose messages say at release who
 * turned keep-alive off.
 */
final class TrackedAsyncLease extends AsyncConnectionEndpoint
        implements FutureCallback<AsyncConnectionEndpoint>, Identifiable {
    final PoolDestination destination;
    private final FutureCallback<AsyncConnectionEndpoint> callback;
    private volatile AsyncConnectionEndpoint endpoint;
    private volatile HttpContext lastContext;

    TrackedAsyncLease(PoolDestination destination, FutureCallback<AsyncConnectionEndpoint> callback) {
        this.destination = destination;
        this.callback = callback;
    }

    /** The pool's own endpoint, for handing back to the pool. */
    AsyncConnectionEndpoint endpoint() {
        return endpoint;
    }

    // A context that is no HttpCoreContext still keeps the messages under the (deprecated) attribute names.
    @SuppressWarnings("deprecation")
    HttpMessage lastRequest() {
        HttpContext context = lastContext;
        if (context instanceof HttpCoreContext) {
            return ((HttpCoreContext) context).getRequest();
        }
        Object request = context == null ? null : context.getAttribute(HttpCoreContext.HTTP_REQUEST);
        return request instanceof HttpMessage ? (HttpMessage) request : null;
    }

    @SuppressWarnings("deprecation")
    HttpMessage lastResponse() {
        HttpContext context = lastContext;
        if (context instanceof HttpCoreContext) {
            return ((HttpCoreContext) context).getResponse();
        }
        Object response = context == null ? null : context.getAttribute(HttpCoreContext.HTTP_RESPONSE);
        return response instanceof HttpMessage ? (HttpMessage) response : null;
    }

    // The lease callback: the pool granted (or failed) the lease.

    @Override
    public void completed(AsyncConnectionEndpoint leased) {
        endpoint = leased;
        // Counted, not aged: the async client reads on its I/O threads, out of the guard's sight, so a healthy event
        // stream could not be told from a leak; its exchanges release their connection when they complete.
        Exchanges.acquired(destination, null);
        if (callback != null) {
            callback.completed(this);
        }
    }

    @Override
    public void failed(Exception ex) {
        if (callback != null) {
            callback.failed(ex);
        }
    }

    @Override
    public void cancelled() {
        if (callback != null) {
            callback.cancelled();
        }
    }

    // The endpoint: everything goes to the pool's own.

    @Override
    public void execute(String id, AsyncClientExchangeHandler exchangeHandler,
                        HandlerFactory<AsyncPushConsumer> pushHandlerFactory, HttpContext context) {
        lastContext = context;
        endpoint.execute(id, exchangeHandler, pushHandlerFactory, context);
    }

    @Override
    public void execute(String id, AsyncClientExchangeHandler exchangeHandler, HttpContext context) {
        lastContext = context;
        endpoint.execute(id, exchangeHandler, context);
    }

    @Override
    public boolean isConnected() {
        AsyncConnectionEndpoint e = endpoint;
        return e != null && e.isConnected();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        endpoint.setSocketTimeout(timeout);
    }

    @Override
    public EndpointInfo getInfo() {
        return endpoint.getInfo();
    }

    @Override
    public void close(CloseMode closeMode) {
        endpoint.close(closeMode);
    }

    // Keeps HttpClient's log lines naming the pool's own endpoint id.
    @Override
    public String getId() {
        AsyncConnectionEndpoint e = endpoint;
        return e instanceof Identifiable ? ((Identifiable) e).getId() : null;
    }

    @Override
    public String toString() {
        return String.valueOf(endpoint);
    }
}
