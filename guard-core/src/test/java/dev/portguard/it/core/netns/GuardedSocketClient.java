package dev.portguard.it.core.netns;

import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

/**
 * The smallest guarded "client": plain sockets, reporting to the guard exactly where a real integration does
 * (before the connect, the address, the outcome, the close). Opens a new connection per call, like the code the
 * guard exists to catch.
 */
final class GuardedSocketClient {
    private static final ClientKind KIND = ClientKind.of("plain-socket", Map.of());
    private final ClientPool pool;

    GuardedSocketClient(PortGuard guard) {
        this.pool = guard.integration().newPool(KIND, PoolSettings.ofIdle(0, Duration.ZERO));
    }

    Socket open(String host, int port) throws IOException {
        PoolDestination d = pool.destination(host, port);
        d.requestStarted();
        d.beforeConnect(); // protect mode may refuse here, before any port is taken
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(host), port);
        d.connecting(remote);
        Socket socket = new Socket();
        try {
            socket.connect(remote, 2000);
        } catch (IOException e) {
            d.connectFailed(e); // the guard adds its diagnosis to this very exception
            socket.close();
            throw e;
        }
        d.connectionOpened();
        d.connectionAcquired();
        return socket;
    }

    /** Closes from the client side first, so the TIME_WAIT (and the local port) stays here. */
    void close(Socket socket, String host, int port) throws IOException {
        PoolDestination d = pool.destination(host, port);
        d.connectionReleased();
        socket.close();
        d.connectionClosed(ClosedBy.CLIENT);
    }
}
