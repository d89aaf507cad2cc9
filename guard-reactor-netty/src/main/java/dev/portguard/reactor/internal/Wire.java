package dev.portguard.reactor.internal;

import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.Protocol;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One TCP connection: its destination, whether it opened, the protocol its requests spoke, and who closed it. Kept
 * as a channel attribute and, first in the channel's pipeline, as a handler that sees its connect (which protect mode
 * may refuse, and which may fail), sees it become active and sees a close the client asks for (a close that never
 * passed through it is the server's: Netty closes a channel whose peer ended the stream without a pipeline call).
 * Opened and closed are counted once each, and a close only after an open (a connect that failed opened nothing).
 */
final class Wire extends ChannelDuplexHandler implements ChannelFutureListener {
    private static final int NEW = 0;
    private static final int OPEN = 1;
    private static final int CLOSED = 2;

    final PoolDestination destination;
    private final AtomicInteger state = new AtomicInteger(NEW);
    /** The last protocol reported: a connection speaks one, so this is read, not written, after its first request. */
    private volatile Protocol protocol;
    private volatile boolean clientClosed;

    Wire(PoolDestination destination) {
        this.destination = destination;
    }

    /** The connection is established, to {@code remote} (resolved). */
    void opened(SocketAddress remote) {
        if (state.compareAndSet(NEW, OPEN)) {
            if (remote instanceof InetSocketAddress r && !r.isUnresolved()) {
                destination.connecting(r);
            }
            destination.connectionOpened();
        }
    }

    /** A request on this connection spoke {@code p}. */
    void spoke(Protocol p) {
        if (protocol != p) {
            protocol = p;
            destination.protocolUsed(p);
        }
    }

    /**
     * Before the connect leaves: protect mode may refuse it, which fails the connect (and so the request) with the
     * guard's {@code PortBudgetExceededException}, a {@code ConnectException}, as Reactor fails any connect; at
     * once, since this runs on the event loop ({@code protect.wait} would stall every channel on it). A connect
     * that fails is counted as one.
     */
    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise)
            throws Exception {
        try {
            if (remote instanceof InetSocketAddress r && !r.isUnresolved()) {
                destination.connecting(r); // the address first: headroom is read per address
            }
            destination.beforeConnectWithoutWaiting(); // on the event loop: protect.wait would stall its channels
            promise.addListener(connected -> {
                if (!connected.isSuccess() && !connected.isCancelled()) {
                    connectFailed(connected.cause());
                }
            });
        } catch (PortBudgetExceededException refused) {
            connectFailed(refused);
            promise.tryFailure(refused);
            return;
        } catch (RuntimeException | LinkageError ignored) {
            // never break the connection
        }
        ctx.connect(remote, local, promise);
    }

    private void connectFailed(Throwable failure) {
        try {
            destination.connectFailed(failure);
        } catch (RuntimeException | LinkageError ignored) {
            // the failure itself goes on to the application
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        try {
            opened(ctx.channel().remoteAddress());
        } catch (RuntimeException | LinkageError ignored) {
            // never break the connection
        }
        ctx.fireChannelActive();
    }

    /** Bytes came: a lease reading its response is no leak however long it runs (a hash probe; HTTP/2's none). */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        try {
            destination.leaseProgressed(ctx.channel());
        } catch (RuntimeException | LinkageError ignored) {
            // never break the connection
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        clientClosed = true;
        ctx.close(promise);
    }

    /** The channel closed. */
    @Override
    public void operationComplete(ChannelFuture future) {
        try {
            if (state.getAndSet(CLOSED) == OPEN) {
                destination.connectionClosed(clientClosed ? ClosedBy.CLIENT : ClosedBy.SERVER);
            }
        } catch (RuntimeException | LinkageError ignored) {
            // never break the connection
        }
    }
}
