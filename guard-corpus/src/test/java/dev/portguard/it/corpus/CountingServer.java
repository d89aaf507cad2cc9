package dev.portguard.it.corpus;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 server that counts what it saw (connections accepted, requests answered) and behaves as
 * its {@link Behaviour} says: keep-alive by default, or closing idle connections, answering {@code Connection:
 * close}, redirecting to another server, failing every first attempt with a retryable 503, holding each request
 * (long polling) or streaming server-sent events. A request that says {@code Connection: close} gets it.
 */
final class CountingServer implements ServerTruth {
    /** How the server answers; {@link #KEEP_ALIVE} is a plain healthy server. */
    record Behaviour(long idleCloseMillis, boolean closeEach, String redirectTo, boolean failFirstAttempt,
                     long holdMillis, int events, boolean toEof) {
        static final Behaviour KEEP_ALIVE = new Behaviour(0, false, null, false, 0, 0, false);

        /** Responses without a length, ended by closing the connection (no {@code Connection: close} said). */
        Behaviour bodiesToEof() {
            return new Behaviour(idleCloseMillis, closeEach, redirectTo, failFirstAttempt, holdMillis, events, true);
        }

        Behaviour idleClose(long millis) {
            return new Behaviour(millis, closeEach, redirectTo, failFirstAttempt, holdMillis, events, toEof);
        }

        Behaviour closing() {
            return new Behaviour(idleCloseMillis, true, redirectTo, failFirstAttempt, holdMillis, events, toEof);
        }

        Behaviour redirect(String location) {
            return new Behaviour(idleCloseMillis, closeEach, location, failFirstAttempt, holdMillis, events, toEof);
        }

        Behaviour failingFirstAttempts() {
            return new Behaviour(idleCloseMillis, closeEach, redirectTo, true, holdMillis, events, toEof);
        }

        Behaviour holding(long millis) {
            return new Behaviour(idleCloseMillis, closeEach, redirectTo, failFirstAttempt, millis, events, toEof);
        }

        Behaviour streaming(int eventCount) {
            return new Behaviour(idleCloseMillis, closeEach, redirectTo, failFirstAttempt, holdMillis, eventCount, toEof);
        }
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final String host;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "corpus-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong idleCloses = new AtomicLong();

    CountingServer(Behaviour behaviour) throws IOException {
        this(behaviour, "127.0.0.1");
    }

    /** Bound to {@code host}, one of the 127.0.0.0/8 loopback addresses. */
    CountingServer(Behaviour behaviour, String host) throws IOException {
        this.behaviour = behaviour;
        this.host = host;
        this.server = new ServerSocket(0, 512, InetAddress.getByName(host));
        threads.execute(this::acceptLoop);
    }

    @Override
    public String destination() {
        return host + ":" + server.getLocalPort();
    }

    /** The base URL; programs append their own path (never logged by the guard). */
    String url() {
        return "http://" + destination() + "/corpus?token=secret";
    }

    @Override
    public long requests() {
        return requests.get();
    }

    @Override
    public long connections() {
        return connections.get();
    }

    /** Idle connections this server closed itself. */
    long idleCloses() {
        return idleCloses.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                socket.setSoTimeout((int) behaviour.idleCloseMillis);
                String requestLine;
                try {
                    requestLine = line(in);
                } catch (SocketTimeoutException idle) {
                    idleCloses.incrementAndGet();
                    return; // the server's keep-alive timeout: close the idle connection
                }
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                socket.setSoTimeout(0);
                boolean close = behaviour.closeEach;
                long length = 0;
                String header;
                while ((header = line(in)) != null && !header.isEmpty()) {
                    String h = header.toLowerCase(Locale.ROOT);
                    if (h.startsWith("connection:") && h.contains("close")) {
                        close = true;
                    } else if (h.startsWith("content-length:")) {
                        length = Long.parseLong(h.substring("content-length:".length()).trim());
                    }
                }
                in.skipNBytes(length);
                requests.incrementAndGet();
                respond(out, close);
                if (close || behaviour.toEof) {
                    return;
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            // the client went away
        }
    }

    private void respond(OutputStream out, boolean close) throws IOException, InterruptedException {
        String connection = close ? "Connection: close\r\n" : "";
        if (behaviour.redirectTo != null) {
            write(out, "HTTP/1.1 302 Found\r\nLocation: " + behaviour.redirectTo + "\r\nContent-Length: 0\r\n"
                    + connection + "\r\n");
            return;
        }
        if (behaviour.failFirstAttempt && attempts.incrementAndGet() % 2 == 1) {
            write(out, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 4\r\n" + connection
                    + "\r\nbusy");
            return;
        }
        if (behaviour.holdMillis > 0) {
            Thread.sleep(behaviour.holdMillis); // a long poll: nothing new until the hold ends
        }
        if (behaviour.events > 0) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                    + connection + "\r\n");
            for (int i = 0; i < behaviour.events; i++) {
                String event = "data: tick " + i + "\n\n";
                write(out, Integer.toHexString(event.length()) + "\r\n" + event + "\r\n");
                Thread.sleep(20);
            }
            write(out, "0\r\n\r\n");
            return;
        }
        if (behaviour.toEof) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nok"); // the close ends the body
            return;
        }
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n" + connection + "\r\nok");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
