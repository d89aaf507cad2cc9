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
 */
final class Holds implements ChannelFutureListener {
    private final PoolDestination destination;
    private final AtomicInteger held = new AtomicInteger();

    Holds(PoolDestination destination) {
        this.destination = destination;
    }

    void acquired() {
        held.incrementAndGet();
        destination.connectionAcquired();
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
        for (int h = held.getAndSet(0); h > 0; h--) {
            destination.connectionReleased();
        }
    }
}
