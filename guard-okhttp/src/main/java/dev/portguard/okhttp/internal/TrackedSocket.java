package dev.portguard.okhttp.internal;

import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/** A plain socket that tells the guard once when a connected socket is closed. */
final class TrackedSocket extends Socket {
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private volatile PoolDestination destination;

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        PoolDestination d = PendingConnect.take();
        super.connect(endpoint, timeout);
        destination = d;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            super.close();
        } finally {
            PoolDestination d = destination;
            if (d != null && closeReported.compareAndSet(false, true)) {
                try {
                    // OkHttp closes the socket both when it evicts an idle connection and after the server
                    // closed; from here the two cannot be told apart.
                    d.connectionClosed(ClosedBy.UNKNOWN);
                } catch (RuntimeException | LinkageError ignored) {
                    // never break the close
                }
            }
        }
    }
}
