package dev.portguard.okhttp.internal;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * The JDK's plain socket factory, with sockets that report their close. Installed only in place of the default
 * factory; a user's own socket factory is left alone (closes are then not counted).
 */
public final class TrackingSocketFactory extends SocketFactory {
    @Override
    public Socket createSocket() {
        return new TrackedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = new TrackedSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = new TrackedSocket();
        s.bind(new java.net.InetSocketAddress(localHost, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = new TrackedSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = new TrackedSocket();
        s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        s.connect(new java.net.InetSocketAddress(address, port));
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackingSocketFactory;
    }

    @Override
    public int hashCode() {
        return TrackingSocketFactory.class.hashCode();
    }
}
