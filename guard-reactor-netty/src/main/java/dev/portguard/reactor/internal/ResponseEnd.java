package dev.portguard.reactor.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Right after an HTTP/1.1 connection's codec: ends the connection's lease when a response's last bytes arrive, before
 * Reactor passes them on, so the application never sees a response end whose lease is still open. Every read of the
 * connection's bytes counts as progress in {@link Wire}; a response never read to its end (its body left unconsumed,
 * so Reactor reads no further) keeps its lease until it ages into a leak. One instance for every connection.
 */
@ChannelHandler.Sharable
final class ResponseEnd extends ChannelInboundHandlerAdapter {
    static final String NAME = "portguard.responseEnd";
    static final ResponseEnd INSTANCE = new ResponseEnd();

    private ResponseEnd() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof LastHttpContent) {
            try {
                Wire wire = ctx.channel().attr(ProviderHooks.WIRE).get();
                if (wire != null) {
                    wire.destination.leaseEnded(ctx.channel());
                }
            } catch (RuntimeException | LinkageError ignored) {
                // never break the response
            }
        }
        ctx.fireChannelRead(msg);
    }
}
