package dev.portguard.reactor.internal;

import dev.portguard.core.spi.PoolDestination;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests holding one request channel: an HTTP/1.1 connection (one request at a time, many over its life) or
 * an HTTP/2 stream (one request). A count, not a flag: Reactor may hand a released HTTP/1.1 connection to the next
 * request before it tells observers the last one let it go, so a release always ends one hold, whichever. When the
 * channel closes, every hold left ends.
 *
 * <p>An HTTP/1.1 connection whose responses' ends are seen is also a lease aged for leaks, keyed by its channel: from
 * its request until its response's last bytes arrive ({@link ResponseEnd}, before Reactor hands the end to the
 * application) or it closes. Not from the pool's release, which Reactor reports on its event loop after the
 * application has seen the response end, and after the next request may have taken the connection.
 */
final class Holds implements ChannelFutureListener {
    private final PoolDestination destination;
    /** The channel, when it is aged as a lease; null for a stream (which holds no port of its own). */
    private final Object lease;
    private final AtomicInteger held = new AtomicInteger();

    Holds(PoolDestination destination, Object lease) {
        this.destination = destination;
        this.lease = lease;
    }

    void acquired() {
        held.incrementAndGet();
        destination.connectionAcquired();
        if (lease != null) {
            destination.leaseStarted(lease);
        }
    }

    /** One request let the channel go; nothing when none held it. */
    void released() {
        int h;
        do {
            h = held.get();
            if (h <= 0) {
                return;
            }
        } while (!held.compareAndSet(h, h - 1));
        destination.connectionReleased();
    }

    @Override
    public void operationComplete(ChannelFuture future) {
        try {
            if (lease != null) {
                destination.leaseEnded(lease);
            }
            for (int h = held.getAndSet(0); h > 0; h--) {
                destination.connectionReleased();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // never break the close
        }
    }
}
