package dev.portguard.reactor.internal;

import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.Protocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import reactor.netty.Connection;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientState;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One connection provider's hooks, installed on every client built on it; each maps one Reactor Netty event to one
 * count. A TCP connection is counted from Reactor's channel hook ({@code doOnChannelInit}, which HTTP/2 streams do
 * not pass through) when it becomes active, and watched until it closes; a request when Reactor prepares it ({@code REQUEST_PREPARED}, on
 * whichever channel carries it: the connection for HTTP/1.1, a stream for HTTP/2); the request's hold on its channel
 * ends when the pool takes the connection back ({@code RELEASED}), when Reactor lets it go ({@code DISCONNECTING})
 * or when the channel (a stream, or the connection) closes, whichever comes first. An HTTP/1.1 connection's request
 * is also a lease aged for leaks ({@link Holds}), read progress counted by {@link Wire}.
 *
 * <p>Every hook runs on Reactor's event loop and swallows its own failures, except strict mode's refusal of a
 * request, which fails that request.
 */
public final class ProviderHooks implements ChannelPipelineConfigurer, ConnectionObserver {
    /** On a client's configuration: the hooks already installed there. */
    static final AttributeKey<ProviderHooks> GUARDED = AttributeKey.valueOf("portguard.reactor.guarded");
    static final AttributeKey<Wire> WIRE = AttributeKey.valueOf("portguard.reactor.wire");
    private static final AttributeKey<Holds> HOLDS = AttributeKey.valueOf("portguard.reactor.holds");
    private static final String WATCH = "portguard.connection";

    private final PortGuard guard;
    private final ClientPool pool;

    ProviderHooks(PortGuard guard, ClientPool pool) {
        this.guard = guard;
        this.pool = pool;
    }

    PortGuard guard() {
        return guard;
    }

    /** Whether {@code client} carries hooks reporting to {@code guard} already. */
    public static boolean guarded(HttpClient client, PortGuard guard) {
        Object hooks = client.configuration().attributes().get(GUARDED);
        return hooks instanceof ProviderHooks h && h.guard == guard;
    }

    /** {@code client} with these hooks added after its own. */
    public HttpClient install(HttpClient client) {
        return client.attr(GUARDED, this).doOnChannelInit(this).observe(this);
    }

    /** A new TCP connection's channel, before it connects: its destination is the address the client asked for. */
    @Override
    public void onChannelInit(ConnectionObserver observer, Channel channel, SocketAddress remoteAddress) {
        try {
            if (channel.parent() != null || !(remoteAddress instanceof InetSocketAddress a)) {
                return; // an HTTP/2 stream, or a Unix domain socket, which spends no port
            }
            Wire wire = new Wire(pool.destination(a.getHostString(), a.getPort()));
            channel.attr(WIRE).set(wire);
            channel.closeFuture().addListener(wire);
            channel.pipeline().addFirst(WATCH, wire);
        } catch (RuntimeException | LinkageError ignored) {
            // never break the connection
        }
    }

    @Override
    public void onStateChange(Connection connection, State newState) {
        try {
            if (newState == HttpClientState.REQUEST_PREPARED) {
                requestPrepared(connection.channel());
            } else if (newState == State.RELEASED || newState == State.DISCONNECTING) {
                Holds holds = connection.channel().attr(HOLDS).get();
                if (holds != null) {
                    holds.released();
                }
            }
        } catch (PoolMisuseException e) {
            throw e; // strict mode: Reactor fails the request with it
        } catch (RuntimeException | LinkageError ignored) {
            // never break the request
        }
    }

    private void requestPrepared(Channel channel) {
        boolean stream = channel instanceof Http2StreamChannel;
        Channel tcp = stream ? channel.parent() : channel;
        Wire wire = wireOf(tcp);
        if (wire == null) {
            return;
        }
        wire.spoke(!stream ? Protocol.HTTP_1_1
                : tcp.pipeline().get(NettyPipeline.SslHandler) != null ? Protocol.H2 : Protocol.H2C);
        wire.destination.requestStarted();
        holdsOf(channel, wire, !stream && watchesResponseEnds(tcp)).acquired();
    }

    /**
     * Whether an HTTP/1.1 connection's response ends are seen: its codec is in place (once, at its first request).
     * Not on a connection that may upgrade to h2c, whose upgraded response ends on a stream.
     */
    private static boolean watchesResponseEnds(Channel tcp) {
        ChannelPipeline pipeline = tcp.pipeline();
        if (pipeline.get(ResponseEnd.NAME) != null) {
            return true;
        }
        if (pipeline.get(NettyPipeline.HttpCodec) == null || pipeline.get(NettyPipeline.H2CUpgradeHandler) != null) {
            return false;
        }
        pipeline.addAfter(NettyPipeline.HttpCodec, ResponseEnd.NAME, ResponseEnd.INSTANCE);
        return true;
    }

    /** The connection's wire; one made now for a connection these hooks did not see open (counted as opened now). */
    private Wire wireOf(Channel tcp) {
        Attribute<Wire> attr = tcp.attr(WIRE);
        Wire wire = attr.get();
        if (wire != null) {
            return wire;
        }
        if (!(tcp.remoteAddress() instanceof InetSocketAddress a)) {
            return null;
        }
        wire = new Wire(pool.destination(a.getHostString(), a.getPort()));
        Wire had = attr.setIfAbsent(wire);
        if (had != null) {
            return had;
        }
        wire.opened(a);
        tcp.closeFuture().addListener(wire);
        return wire;
    }

    private static Holds holdsOf(Channel channel, Wire wire, boolean aged) {
        Attribute<Holds> attr = channel.attr(HOLDS);
        Holds holds = attr.get();
        if (holds == null) {
            holds = new Holds(wire.destination, aged ? channel : null);
            Holds had = attr.setIfAbsent(holds);
            if (had != null) {
                return had;
            }
            channel.closeFuture().addListener(holds);
        }
        return holds;
    }
}
