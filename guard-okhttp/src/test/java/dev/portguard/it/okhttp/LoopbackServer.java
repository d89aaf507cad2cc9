package dev.portguard.it.okhttp;

import dev.portguard.testing.NoDelayServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A MockWebServer on 127.0.0.1 that answers every request alike and counts what it saw: requests, and the
 * distinct connections they came on (MockWebServer numbers connections as it accepts them).
 */
final class LoopbackServer implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closeConnections;
    private volatile long delayMillis;

    LoopbackServer() throws IOException {
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                connections.add(request.getConnectionIndex());
                MockResponse.Builder response = new MockResponse.Builder().body("ok");
                if (delayMillis > 0) {
                    response.bodyDelay(delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                if (closeConnections) {
                    response.addHeader("Connection", "close");
                }
                return response.build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** Answer every request with {@code Connection: close} from now on. */
    LoopbackServer closingEachConnection() {
        closeConnections = true;
        return this;
    }

    /** Take {@code millis} before each response body, like a real API: callers then overlap. */
    LoopbackServer respondingAfter(long millis) {
        delayMillis = millis;
        return this;
    }

    HttpUrl url() {
        return server.url("/items?page=1");
    }

    /** {@code host:port}, as the guard names it. */
    String destination() {
        return server.url("/").host() + ":" + server.getPort();
    }

    int requests() {
        return server.getRequestCount();
    }

    int connections() {
        return connections.size();
    }

    MockWebServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
