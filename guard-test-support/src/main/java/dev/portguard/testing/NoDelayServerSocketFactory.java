package dev.portguard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted sockets set TCP_NODELAY. On loopback a keep-alive server that writes headers and
 * body separately otherwise stalls about 40 ms per request (Nagle and delayed ACK), which would make connection
 * reuse look slower than opening new connections. For servers that take a factory (MockWebServer, in the
 * benchmarks); {@link LoopbackHttpServer} sets TCP_NODELAY itself.
 */
public final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket s = new NoDelayServerSocket();
        s.bind(new java.net.InetSocketAddress(port));
        return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        ServerSocket s = new NoDelayServerSocket();
        s.bind(new java.net.InetSocketAddress(port), backlog);
        return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
        ServerSocket s = new NoDelayServerSocket();
        s.bind(new java.net.InetSocketAddress(ifAddress, port), backlog);
        return s;
    }

    private static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
