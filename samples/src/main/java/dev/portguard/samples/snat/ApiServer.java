package dev.portguard.samples.snat;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The external API: a keep-alive HTTP server on every address of its namespace that keeps idle connections open for
 * ten minutes, as an API behind a patient load balancer does, so connections a client abandons stay open; and, as a
 * maximum connection age does (Envoy's {@code max_connection_duration}), answers the first request after
 * {@value #MAX_AGE_SECONDS} s on a connection with {@code Connection: close}, so a steady client opens a new
 * connection now and then.
 */
public final class ApiServer {
    static final int MAX_AGE_SECONDS = 4;

    private ApiServer() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK server closes idle connections after 30 s and keeps at most 200 by default.
        System.setProperty("sun.net.httpserver.idleInterval", "600");
        System.setProperty("sun.net.httpserver.maxIdleConnections", "10000");
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(32));
        byte[] body = "{\"price\":42}".getBytes(StandardCharsets.UTF_8);
        Map<InetSocketAddress, Long> opened = new ConcurrentHashMap<>();
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            long now = System.nanoTime();
            if (now - opened.computeIfAbsent(exchange.getRemoteAddress(), a -> now) >= MAX_AGE_SECONDS * 1_000_000_000L) {
                opened.remove(exchange.getRemoteAddress());
                exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("api listening on port " + port);
        new CountDownLatch(1).await();
    }
}
