package dev.portguard.httpclient5.internal;

import org.apache.hc.client5.http.nio.AsyncConnectionEndpoint;
import org.apache.hc.core5.concurrent.FutureCallback;

/** Learns how an async connect ended, counts it, and tells the client's own callback. New connections only. */
final class CountedConnect implements FutureCallback<AsyncConnectionEndpoint> {
    private final TrackedAsyncLease lease;
    private final FutureCallback<AsyncConnectionEndpoint> callback;

    CountedConnect(TrackedAsyncLease lease, FutureCallback<AsyncConnectionEndpoint> callback) {
        this.lease = lease;
        this.callback = callback;
    }

    @Override
    public void completed(AsyncConnectionEndpoint connected) {
        Exchanges.opened(lease.destination);
        if (callback != null) {
            callback.completed(lease);
        }
    }

    @Override
    public void failed(Exception ex) {
        Exchanges.connectFailed(lease.destination, ex);
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
}
