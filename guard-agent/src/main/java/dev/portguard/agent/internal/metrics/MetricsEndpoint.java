package dev.portguard.agent.internal.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portguard.core.metrics.GuardMeters;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The agent's own Prometheus endpoint, {@code http://<metrics.host>:<metrics.port>/metrics}, for applications
 * without Micrometer. The JDK's HTTP server on one daemon thread: scrapes are a few per minute, and the agent stays
 * free of an HTTP or metrics library. Its sockets are server sockets, which no client hook sees, so scrapes are
 * never counted as the application's traffic. Starting it never fails the application: a port in use is one line.
 */
public final class MetricsEndpoint {
    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Listens now; returns {@code null} (after one line to {@code problems}) when it cannot. */
    public static MetricsEndpoint start(GuardMeters meters, String host, int port, Consumer<String> problems) {
        InetSocketAddress address = host == null || host.isBlank() ? new InetSocketAddress(port)
                : new InetSocketAddress(host, port);
        String where = (host == null || host.isBlank() ? "*" : host) + ":" + port;
        try {
            HttpServer server = HttpServer.create(address, 16);
            server.createContext("/", exchange -> handle(exchange, meters));
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "portguard-metrics-endpoint");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new MetricsEndpoint(server);
        } catch (BindException e) {
            problems.accept("metrics endpoint not started: " + where + " is in use or not this host's ("
                    + e.getMessage() + "); the application runs on without it");
        } catch (IOException | RuntimeException | LinkageError e) {
            problems.accept("metrics endpoint not started on " + where + " (" + e + "); the application runs on"
                    + " without it");
        }
        return null;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private static void handle(HttpExchange exchange, GuardMeters meters) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"/metrics".equals(path) && !"/".equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try {
                body = PrometheusText.render(meters.current()).getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
