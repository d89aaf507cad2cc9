package dev.portguard.grpc.internal;

import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.spi.PoolDestination;
import io.grpc.Attributes;
import io.grpc.ClientCall;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Status;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One RPC: a request from {@code start} that holds a share of its connection until it closes. The connection it
 * rode on is read once, at its response headers or, failing those, at its close. Every hook swallows its own
 * failures: a guard must never break an RPC, except in strict mode on purpose.
 */
final class CountedCall<ReqT, RespT> extends ForwardingClientCall.SimpleForwardingClientCall<ReqT, RespT> {
    private final ChannelCounts counts;

    CountedCall(ClientCall<ReqT, RespT> delegate, ChannelCounts counts) {
        super(delegate);
        this.counts = counts;
    }

    @Override
    public void start(Listener<RespT> responseListener, Metadata headers) {
        PoolDestination d = counts.destination();
        boolean counted = false;
        try {
            d.requestStarted();
            d.connectionAcquired();
            counted = true;
        } catch (PoolMisuseException e) {
            delegate().cancel("refused by PortGuard strict mode", e);
            throw e; // strict mode: fail the offending call
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
        super.start(counted ? new Counted(responseListener) : responseListener, headers);
    }

    private final class Counted extends ForwardingClientCallListener.SimpleForwardingClientCallListener<RespT> {
        private final AtomicBoolean transportSeen = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        Counted(Listener<RespT> delegate) {
            super(delegate);
        }

        @Override
        public void onHeaders(Metadata headers) {
            seeTransport();
            super.onHeaders(headers);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            seeTransport();
            if (closed.compareAndSet(false, true)) {
                try {
                    counts.destination().connectionReleased();
                } catch (RuntimeException | LinkageError ignored) {
                    // never break the call
                }
            }
            super.onClose(status, trailers);
        }

        private void seeTransport() {
            if (!transportSeen.compareAndSet(false, true)) {
                return;
            }
            try {
                Attributes a = getAttributes();
                counts.rodeOn(a.get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR), a.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
                        a.get(Grpc.TRANSPORT_ATTR_SSL_SESSION) != null);
            } catch (RuntimeException | LinkageError ignored) {
                // an RPC that failed before it had a stream, or a call without attributes
            }
        }
    }
}
