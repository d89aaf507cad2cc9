package dev.portguard.it.httpclient5;

import dev.portguard.testing.NoDelayServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/** A real HTTP/1.1 server on loopback that answers every request, and tells what it saw. */
final class LoopbackServer implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();

    private LoopbackServer(boolean closeAfterEachResponse) throws IOException {
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        MockResponse keepAlive = new MockResponse.Builder().body("ok").build();
        MockResponse close = new MockResponse.Builder().body("ok").setHeader("Connection", "close")
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return closeAfterEachResponse ? close : keepAlive;
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** A server that keeps connections open between requests. */
    static LoopbackServer keepAlive() throws IOException {
        return new LoopbackServer(false);
    }

    /** A server that answers {@code Connection: close} and closes the connection after each response. */
    static LoopbackServer closingEachConnection() throws IOException {
        return new LoopbackServer(true);
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort() + "/ping";
    }

    /** {@code host:port} as the guard names this server. */
    String destination() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Everything the server received since the last tally. */
    Tally tally() throws InterruptedException {
        long requests = 0;
        long connections = 0;
        RecordedRequest r;
        while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
            requests++;
            if (r.getExchangeIndex() == 0) {
                connections++; // the first exchange on a connection: a new connection
            }
        }
        return new Tally(requests, connections);
    }

    @Override
    public void close() {
        server.close();
    }

    /** Requests the server received, and the TCP connections they came on. */
    record Tally(long requests, long connections) {
    }
}
