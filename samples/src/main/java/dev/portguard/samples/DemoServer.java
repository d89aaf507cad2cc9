package dev.portguard.samples;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The "external API" of the demo: a JDK HttpServer on 127.0.0.1 that counts the requests and the connections it
 * sees, so the demo can put the guard's counts beside the server's.
 */
final class DemoServer implements AutoCloseable {
    static {
        // Without TCP_NODELAY a keep-alive response on loopback stalls ~40 ms (Nagle and delayed ACK), which would
        // make connection reuse look slow.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private volatile long delayMillis;

    DemoServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "demo-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "{\"price\":42}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Answer after {@code millis}, like a real API, so concurrent callers overlap. */
    void respondAfter(long millis) {
        delayMillis = millis;
    }

    String url(String pathAndQuery) {
        return "http://" + host() + ":" + server.getAddress().getPort() + pathAndQuery;
    }

    String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    String destination() {
        return host() + ":" + server.getAddress().getPort();
    }

    long requests() {
        return requests.get();
    }

    /** Distinct client ports seen: one per TCP connection the clients opened. */
    int connections() {
        return clientPorts.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
