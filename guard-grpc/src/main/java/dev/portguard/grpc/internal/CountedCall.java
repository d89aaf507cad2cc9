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

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One RPC: a request from {@code start} (or, on a channel not yet known to use TCP, from when it sees its transport)
 * that holds a share of its connection until it closes. The connection it
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
        int transport = counts.transport();
        if (transport == ChannelCounts.NO_PORT) {
            super.start(responseListener, headers);
            return;
        }
        boolean counted = false;
        if (transport == ChannelCounts.TCP) {
            try {
                count();
                counted = true;
            } catch (PoolMisuseException e) {
                delegate().cancel("refused by PortGuard strict mode", e);
                throw e; // strict mode: fail the offending call
            } catch (RuntimeException | LinkageError ignored) {
                // never break the call
            }
        }
        super.start(new Counted(responseListener, counted), headers);
    }

    private void count() {
        PoolDestination d = counts.destination();
        d.requestStarted();
        d.connectionAcquired();
    }

    private final class Counted extends ForwardingClientCallListener.SimpleForwardingClientCallListener<RespT> {
        private final AtomicBoolean transportSeen = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Counted at start, or (a channel's first RPCs) once its transport showed a TCP connection. */
        private volatile boolean counted;

        Counted(Listener<RespT> delegate, boolean counted) {
            super(delegate);
            this.counted = counted;
        }

        @Override
        public void onHeaders(Metadata headers) {
            seeTransport();
            super.onHeaders(headers);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            seeTransport();
            if (counted && closed.compareAndSet(false, true)) {
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
                SocketAddress local = a.get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
                if (!counts.seenTcp(local)) {
                    return; // no port spent: not counted
                }
                counts.rodeOn(local, a.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
                        a.get(Grpc.TRANSPORT_ATTR_SSL_SESSION) != null);
                if (!counted) {
                    count(); // on gRPC's thread: strict mode cannot fail this one, its channel was not known yet
                    counted = true;
                }
            } catch (RuntimeException | LinkageError ignored) {
                // an RPC that failed before it had a stream, or a call without attributes
            }
        }
    }
}
