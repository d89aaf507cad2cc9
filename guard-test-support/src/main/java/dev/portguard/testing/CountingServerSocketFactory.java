package dev.portguard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;

/**
 * Server sockets that count every socket they accept, for servers that take a factory (MockWebServer). A server's
 * own request log cannot show a connection a client opened and dropped unused (an HTTP/2 client racing to connect
 * does); the accepted sockets can.
 */
public final class CountingServerSocketFactory extends ServerSocketFactory {
    private final AtomicLong accepted;

    /** Counts into {@code accepted}. */
    public CountingServerSocketFactory(AtomicLong accepted) {
        this.accepted = accepted;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                Socket s = super.accept();
                accepted.incrementAndGet();
                return s;
            }
        };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return createServerSocket(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket s = createServerSocket();
        s.bind(new InetSocketAddress(address, port), backlog);
        return s;
    }
}
