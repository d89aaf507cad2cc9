package dev.portguard.httpclient5.internal;

import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.Protocol;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.LeaseRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;

/**
 * The user's classic connection manager, counted: {@code lease} is a request, a lease that comes back connected
 * is a reuse, {@code connect} is a new connection, and {@code release} tells whether the connection is kept.
 * Everything else goes straight to the user's manager.
 */
public class GuardedConnectionManager implements HttpClientConnectionManager {
    final HttpClientConnectionManager delegate;
    final ClientPool pool;

    public GuardedConnectionManager(HttpClientConnectionManager delegate, ClientPool pool) {
        this.delegate = delegate;
        this.pool = pool;
    }

    /** The user's own manager. */
    public HttpClientConnectionManager delegate() {
        return delegate;
    }

    public ClientPool pool() {
        return pool;
    }

    @Override
    public LeaseRequest lease(String id, HttpRoute route, Timeout requestTimeout, Object state) {
        PoolDestination destination = Exchanges.started(Routes.destination(pool, route));
        LeaseRequest lease = delegate.lease(id, route, requestTimeout, state);
        return destination == null ? lease : new TrackedLease(lease, destination);
    }

    @Override
    public void connect(ConnectionEndpoint endpoint, TimeValue connectTimeout, HttpContext context)
            throws IOException {
        if (!(endpoint instanceof TrackedLease)) {
            delegate.connect(endpoint, connectTimeout, context);
            return;
        }
        TrackedLease lease = (TrackedLease) endpoint;
        PoolDestination destination = lease.destination;
        try {
            destination.beforeConnect();
        } catch (PortBudgetExceededException refused) {
            Exchanges.connectFailed(destination, refused);
            throw refused; // protect mode: fail this connect like any other connect failure
        } catch (RuntimeException e) {
            // counting failed; connect anyway
        }
        try {
            delegate.connect(lease.endpoint(), connectTimeout, context);
        } catch (IOException | RuntimeException e) {
            Exchanges.connectFailed(destination, e);
            throw e;
        }
        Exchanges.opened(destination);
        Exchanges.spoke(destination, Protocol.HTTP_1_1); // the classic client speaks nothing else
    }

    @Override
    public void upgrade(ConnectionEndpoint endpoint, HttpContext context) throws IOException {
        delegate.upgrade(unwrap(endpoint), context);
    }

    @Override
    public void release(ConnectionEndpoint endpoint, Object newState, TimeValue validDuration) {
        if (!(endpoint instanceof TrackedLease)) {
            delegate.release(endpoint, newState, validDuration);
            return;
        }
        TrackedLease lease = (TrackedLease) endpoint;
        ConnectionEndpoint own = lease.endpoint();
        boolean kept = Exchanges.kept(own != null && own.isConnected(), validDuration);
        // Counted before the pool has it back: once it does, another caller may lease it at once, and the guard
        // must never see more connections in use than the pool allows.
        Exchanges.released(lease.destination, lease, kept, lease.lastRequest, lease.lastResponse);
        delegate.release(own, newState, validDuration);
    }

    @Override
    public void close(CloseMode closeMode) {
        delegate.close(closeMode);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }


    private static ConnectionEndpoint unwrap(ConnectionEndpoint endpoint) {
        return endpoint instanceof TrackedLease ? ((TrackedLease) endpoint).endpoint() : endpoint;
    }

    @Override
    public String toString() {
        return "PortGuard(" + delegate + ")";
    }
}
