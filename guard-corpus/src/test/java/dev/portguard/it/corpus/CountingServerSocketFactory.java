package dev.portguard.it.corpus;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** Server sockets that count every connection they accept. */
final class CountingServerSocketFactory extends ServerSocketFactory {
    private final AtomicLong accepted;

    CountingServerSocketFactory(AtomicLong accepted) {
        this.accepted = accepted;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new Counting(accepted);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket s = createServerSocket();
        s.bind(new java.net.InetSocketAddress(port));
        return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        ServerSocket s = createServerSocket();
        s.bind(new java.net.InetSocketAddress(port), backlog);
        return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket s = createServerSocket();
        s.bind(new java.net.InetSocketAddress(address, port), backlog);
        return s;
    }

    private static final class Counting extends ServerSocket {
        private final AtomicLong accepted;

        Counting(AtomicLong accepted) throws IOException {
            this.accepted = accepted;
        }

        @Override
        public Socket accept() throws IOException {
            Socket s = super.accept();
            accepted.incrementAndGet();
            return s;
        }
    }
}
