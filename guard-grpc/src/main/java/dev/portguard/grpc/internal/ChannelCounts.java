package dev.portguard.grpc.internal;

import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.Protocol;
import io.grpc.Channel;

import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One channel's pool and destination, and the transports its RPCs were seen on. gRPC's API names no event for a
 * new transport, but every RPC can read the local address of the connection it rode on: a local address this
 * channel has not carried an RPC on before is a new TCP connection. Connections that never carried an RPC are
 * not seen (a channel opens none without an RPC waiting, unless asked to connect eagerly).
 *
 * <p>A channel that spends no port (in-process, a Unix domain socket) is none of the guard's business: a test
 * that builds an in-process channel per test is healthy. So until a channel's first RPC has shown a TCP connection,
 * its RPCs are counted when they see their transport rather than when they start; from then on, at start.
 */
final class ChannelCounts {
    /**
     * A channel holds a handful of connections at once; past this many local addresses the oldest are long closed,
     * so the set starts over (a live connection is then counted once more: one in this many at most).
     */
    static final int MAX_ADDRESSES = 256;

    private final WeakReference<Channel> channel;
    private final PoolDestination destination;
    private final ConcurrentHashMap<SocketAddress, Boolean> localAddresses = new ConcurrentHashMap<>();
    /** {@link #UNKNOWN} until an RPC saw its transport, then {@link #TCP} or {@link #NO_PORT}. */
    private volatile int transport = UNKNOWN;
    static final int UNKNOWN = 0;
    static final int TCP = 1;
    static final int NO_PORT = 2;

    ChannelCounts(Channel channel, ClientPool pool) {
        this.channel = new WeakReference<>(channel);
        this.destination = Authorities.destination(pool, channel.authority());
    }

    boolean serves(Channel next) {
        return channel.get() == next;
    }

    PoolDestination destination() {
        return destination;
    }

    int transport() {
        return transport;
    }

    /** Whether {@code local}, an RPC's local address, is a TCP connection's; remembered for the channel. */
    boolean seenTcp(SocketAddress local) {
        if (local instanceof InetSocketAddress) {
            transport = TCP;
            return true;
        }
        if (local != null && transport == UNKNOWN) {
            transport = NO_PORT;
        }
        return false;
    }

    /**
     * An RPC rode on the connection from {@code local} to {@code remote} (either may be null when unknown), over TLS
     * or not: gRPC speaks HTTP/2 always, {@code h2} with TLS and {@code h2c} without.
     */
    void rodeOn(SocketAddress local, SocketAddress remote, boolean tls) {
        if (!(local instanceof InetSocketAddress)) {
            return; // in-process or unknown: no port spent
        }
        if (localAddresses.size() >= MAX_ADDRESSES) {
            localAddresses.clear();
        }
        if (localAddresses.putIfAbsent(local, Boolean.TRUE) == null) {
            if (remote instanceof InetSocketAddress r) {
                destination.connecting(r);
            }
            destination.connectionOpened();
            destination.protocolUsed(tls ? Protocol.H2 : Protocol.H2C);
        }
    }
}
