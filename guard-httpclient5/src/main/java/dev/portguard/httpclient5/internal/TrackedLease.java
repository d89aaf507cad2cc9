package dev.portguard.httpclient5.internal;

import dev.portguard.core.spi.PoolDestination;
import org.apache.hc.client5.http.EndpointInfo;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.LeaseRequest;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Identifiable;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One lease of the classic pool, and the endpoint it hands out: the only object the guard allocates per request.
 * It remembers the destination for {@code connect} and {@code release} (which are not told the route) and the
 * last exchange's messages, which say at release who turned keep-alive off.
 */
final class TrackedLease extends ConnectionEndpoint implements LeaseRequest, Identifiable {
    final PoolDestination destination;
    private final LeaseRequest lease;
    private volatile ConnectionEndpoint endpoint;
    volatile ClassicHttpRequest lastRequest;
    volatile ClassicHttpResponse lastResponse;

    TrackedLease(LeaseRequest lease, PoolDestination destination) {
        this.lease = lease;
        this.destination = destination;
    }

    /** The pool's own endpoint, for handing back to the pool. */
    ConnectionEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public ConnectionEndpoint get(Timeout timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConnectionEndpoint leased = lease.get(timeout);
        endpoint = leased;
        Exchanges.acquired(destination, this); // this lease is what release is handed back
        return this;
    }

    @Override
    public boolean cancel() {
        return lease.cancel();
    }

    // Deprecated but still abstract: the pool's endpoint implements it, and older callers still use it.
    @Override
    @SuppressWarnings("deprecation")
    public ClassicHttpResponse execute(String id, ClassicHttpRequest request, HttpRequestExecutor executor,
                                       HttpContext context) throws IOException, HttpException {
        lastRequest = request;
        lastResponse = null;
        ClassicHttpResponse response = endpoint.execute(id, request, executor, context);
        lastResponse = response;
        ReadProgress.watch(response, destination, this);
        return response;
    }

    @Override
    public ClassicHttpResponse execute(String id, ClassicHttpRequest request, RequestExecutor executor,
                                       HttpContext context) throws IOException, HttpException {
        lastRequest = request;
        lastResponse = null;
        ClassicHttpResponse response = endpoint.execute(id, request, executor, context);
        lastResponse = response;
        ReadProgress.watch(response, destination, this);
        return response;
    }

    @Override
    public boolean isConnected() {
        ConnectionEndpoint e = endpoint;
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

    @Override
    public void close() throws IOException {
        endpoint.close();
    }

    // Keeps HttpClient's log lines naming the pool's own endpoint id.
    @Override
    public String getId() {
        ConnectionEndpoint e = endpoint;
        return e instanceof Identifiable ? ((Identifiable) e).getId() : null;
    }

    @Override
    public String toString() {
        return String.valueOf(endpoint);
    }
}
