package dev.portguard.core.node;

import com.sun.net.httpserver.HttpServer;
import dev.portguard.core.doctor.Doctor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * {@code node --serve PORT}: reads the node at each scrape (one reading at a time) and answers
 * {@code GET /metrics} in the Prometheus text format; runs until the process is stopped.
 */
final class NodeServer {
    private NodeServer() {
    }

    static int serve(String bind, int port, NodeProbe probe, int top, PrintStream out, PrintStream err) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        } catch (IOException | RuntimeException e) {
            err.println("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return Doctor.USAGE;
        }
        String nodeName = System.getenv("NODE_NAME");
        Object lock = new Object();
        server.createContext("/metrics", exchange -> {
            byte[] body;
            synchronized (lock) {
                body = NodeMetrics.render(probe.read(), top, nodeName).getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        out.println("PortGuard node: serving http://" + bind + ":" + server.getAddress().getPort() + "/metrics");
        out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        return Doctor.HEALTHY;
    }
}
