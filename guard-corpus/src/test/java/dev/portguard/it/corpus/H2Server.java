package dev.portguard.it.corpus;

import dev.portguard.testing.CountingServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/2 server without TLS (h2c with prior knowledge): many concurrent requests share one connection. The
 * connections it saw are the sockets it accepted, counted at its server socket: a client racing to connect can
 * open a connection it then drops unused, which no recorded request shows.
 */
final class H2Server implements ServerTruth {
    private final MockWebServer server = new MockWebServer();
    private final AtomicLong accepted = new AtomicLong();

    H2Server() throws IOException {
        server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        server.setServerSocketFactory(new CountingServerSocketFactory(accepted));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body("ok").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort() + "/corpus?token=secret";
    }

    @Override
    public String destination() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public long requests() {
        return server.getRequestCount();
    }

    @Override
    public long connections() {
        return accepted.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
