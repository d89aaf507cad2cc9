package dev.portguard.it.agent;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP/2 server without TLS (h2c, prior knowledge) on 127.0.0.1 that answers {@code 200 ok} and counts what it
 * saw: the requests, and the connections as the sockets it accepted (a connection that carried no request counts).
 */
final class H2cServer implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final AtomicLong accepted = new AtomicLong();

    H2cServer() throws IOException {
        server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        server.setServerSocketFactory(new Counting());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body("ok").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort() + "/items?page=1&token=secret";
    }

    String destination() {
        return "127.0.0.1:" + server.getPort();
    }

    long requests() {
        return server.getRequestCount();
    }

    long connections() {
        return accepted.get();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Server sockets that count each connection they accept. */
    private final class Counting extends ServerSocketFactory {
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
}
