package dev.portguard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forwarding HTTP proxy on loopback, for tests of clients configured with one: {@code CONNECT host:port} tunnels
 * (HTTPS), and absolute-form requests ({@code GET http://host:port/path}) are sent on to their target in origin form.
 * Each client connection is tied to the target of its first request, which is how clients use a proxy connection.
 * It counts the client connections it accepted.
 */
public final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-proxy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger connections = new AtomicInteger();

    public LoopbackProxy() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, as the guard names destinations. */
    public String destination() {
        return server.getInetAddress().getHostAddress() + ":" + port();
    }

    /** Client connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (requestLine[0].equals("CONNECT")) {
                String[] target = requestLine[1].split(":");
                try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    pipe(client, upstream);
                }
                return;
            }
            URI target = URI.create(requestLine[1]);
            int port = target.getPort() >= 0 ? target.getPort() : 80;
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
            String originForm = requestLine[0] + " " + path + query + " " + requestLine[2]
                    + head.substring(head.indexOf("\r\n"));
            try (Socket upstream = new Socket(target.getHost(), port)) {
                upstream.getOutputStream().write(originForm.getBytes(StandardCharsets.ISO_8859_1));
                // Later requests on this connection go to the same target; they are passed on as they come (their
                // absolute-form request lines are accepted by the loopback server, as HTTP/1.1 requires).
                pipe(client, upstream);
            }
        } catch (IOException | RuntimeException e) {
            // the client or target went away
        }
    }

    private void pipe(Socket client, Socket upstream) throws IOException {
        threads.execute(() -> copy(upstream, client));
        copy(client, upstream);
    }

    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // either side closed
        }
    }

    /** The request line and headers, up to and including the blank line; null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
