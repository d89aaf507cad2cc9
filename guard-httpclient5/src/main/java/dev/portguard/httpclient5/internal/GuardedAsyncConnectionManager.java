package dev.portguard.httpclient5.internal;

import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.nio.AsyncClientConnectionManager;
import org.apache.hc.client5.http.nio.AsyncConnectionEndpoint;
import org.apache.hc.core5.concurrent.BasicFuture;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.util.concurrent.Future;

/**
 * The user's async connection manager, counted like the classic one: {@code lease} is a request, a granted lease
 * is an acquisition, {@code connect} is a new connection, {@code release} tells whether the connection is kept.
 *
 * <p>HttpClient learns of a granted lease and of a finished connect through the callbacks, which hand on the
 * counted endpoint; the returned futures still carry the pool's own endpoint, which this manager also accepts
 * back (uncounted).
 */
public class GuardedAsyncConnectionManager implements AsyncClientConnectionManager {
    final AsyncClientConnectionManager delegate;
    final ClientPool pool;

    public GuardedAsyncConnectionManager(AsyncClientConnectionManager delegate, ClientPool pool) {
        this.delegate = delegate;
        this.pool = pool;
    }

    /** The user's own manager. */
    public AsyncClientConnectionManager delegate() {
        return delegate;
    }

    public ClientPool pool() {
        return pool;
    }

    @Override
    public Future<AsyncConnectionEndpoint> lease(String id, HttpRoute route, Object state, Timeout requestTimeout,
                                                 FutureCallback<AsyncConnectionEndpoint> callback) {
        PoolDestination destination = Exchanges.started(Routes.destination(pool, route));
        if (destination == null) {
            return delegate.lease(id, route, state, requestTimeout, callback);
        }
        return delegate.lease(id, route, state, requestTimeout, new TrackedAsyncLease(destination, callback));
    }

    @Override
    public Future<AsyncConnectionEndpoint> connect(AsyncConnectionEndpoint endpoint,
                                                   ConnectionInitiator connectionInitiator, Timeout connectTimeout,
                                                   Object attachment, HttpContext context,
                                                   FutureCallback<AsyncConnectionEndpoint> callback) {
        if (!(endpoint instanceof TrackedAsyncLease)) {
            return delegate.connect(endpoint, connectionInitiator, connectTimeout, attachment, context, callback);
        }
        TrackedAsyncLease lease = (TrackedAsyncLease) endpoint;
        try {
            lease.destination.beforeConnect();
        } catch (PortBudgetExceededException refused) {
            // Protect mode: the connect fails as any failed connect does, through its callback.
            Exchanges.connectFailed(lease.destination, refused);
            BasicFuture<AsyncConnectionEndpoint> failed = new BasicFuture<>(callback);
            failed.failed(refused);
            return failed;
        } catch (RuntimeException e) {
            // counting failed; connect anyway
        }
        return delegate.connect(lease.endpoint(), connectionInitiator, connectTimeout, attachment, context,
                new CountedConnect(lease, callback));
    }

    @Override
    public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment, HttpContext context) {
        delegate.upgrade(unwrap(endpoint), attachment, context);
    }

    @Override
    public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment, HttpContext context,
                        FutureCallback<AsyncConnectionEndpoint> callback) {
        if (!(endpoint instanceof TrackedAsyncLease)) {
            delegate.upgrade(endpoint, attachment, context, callback);
            return;
        }
        TrackedAsyncLease lease = (TrackedAsyncLease) endpoint;
        delegate.upgrade(lease.endpoint(), attachment, context, callback == null ? null
                : new FutureCallback<AsyncConnectionEndpoint>() {
                    @Override
                    public void completed(AsyncConnectionEndpoint upgraded) {
                        callback.completed(lease);
                    }

                    @Override
                    public void failed(Exception ex) {
                        callback.failed(ex);
                    }

                    @Override
                    public void cancelled() {
                        callback.cancelled();
                    }
                });
    }

    @Override
    public void release(AsyncConnectionEndpoint endpoint, Object newState, TimeValue validDuration) {
        if (!(endpoint instanceof TrackedAsyncLease)) {
            delegate.release(endpoint, newState, validDuration);
            return;
        }
        TrackedAsyncLease lease = (TrackedAsyncLease) endpoint;
        AsyncConnectionEndpoint own = lease.endpoint();
        boolean kept = Exchanges.kept(own != null && own.isConnected(), validDuration);
        Exchanges.spoke(lease.destination, own);
        // Counted before the pool has it back: once it does, another caller may lease it at once, and the guard
        // must never see more connections in use than the pool allows.
        Exchanges.released(lease.destination, null, kept, lease.lastRequest(), lease.lastResponse());
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


    private static AsyncConnectionEndpoint unwrap(AsyncConnectionEndpoint endpoint) {
        return endpoint instanceof TrackedAsyncLease ? ((TrackedAsyncLease) endpoint).endpoint() : endpoint;
    }

    @Override
    public String toString() {
        return "PortGuard(" + delegate + ")";
    }
}
