package dev.portguard.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP/1.1 server on 127.0.0.1 that answers every request with {@code 200 ok} and counts what it saw: the
 * connections it accepted and the requests each carried. The guard's counts are checked against it, so it depends
 * on no HTTP client library and runs the same under OkHttp 4.12 and 5.x, HttpClient 4 and 5, and the JDK's clients.
 *
 * <p>It keeps connections alive unless told otherwise: by the request ({@code Connection: close}, or HTTP/1.0
 * without keep-alive), or by {@link #closingEachConnection()}, {@link #closingConnectionsAfter(int)} and
 * {@link #closingIdleConnectionsAfter(Duration)}, which may change while it runs. It answers in one write on a
 * TCP_NODELAY socket: on loopback a response split over two writes stalls about 40 ms (Nagle and delayed ACK), which
 * would make reusing a connection look slower than opening one. Upgrade offers (h2c) are ignored.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    private static final String PATH_AND_QUERY = "/items?page=1&token=secret";
    private static final int BACKLOG = 512;

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-http-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Requests answered on each accepted connection, in the order the connections were accepted. */
    private final List<AtomicInteger> perConnection = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile int maxRequestsPerConnection; // 0: no limit
    private volatile int idleTimeoutMillis; // 0: never
    private volatile long delayMillis;

    /** Starts listening on an ephemeral port of 127.0.0.1. */
    public LoopbackHttpServer() throws IOException {
        server = new ServerSocket(0, BACKLOG, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::acceptLoop);
    }

    /** Answers every request with {@code Connection: close} from now on, and closes the connection after it. */
    public LoopbackHttpServer closingEachConnection() {
        return closingConnectionsAfter(1);
    }

    /**
     * Closes a connection after its {@code requests}-th response (which says {@code Connection: close}), as servers
     * with a keep-alive request limit do; 0 lifts the limit.
     */
    public LoopbackHttpServer closingConnectionsAfter(int requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests per connection must be 0 (no limit) or more: " + requests);
        }
        maxRequestsPerConnection = requests;
        return this;
    }

    /**
     * Closes a connection that has carried no request for {@code idle}, as servers with a keep-alive timeout do;
     * {@link Duration#ZERO} keeps idle connections forever. Applies to the wait that starts next on each connection
     * that has carried a request (a new connection waits for its first request however long it takes).
     */
    public LoopbackHttpServer closingIdleConnectionsAfter(Duration idle) {
        long millis = idle.toMillis();
        if (millis < 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idle timeout out of range: " + idle);
        }
        idleTimeoutMillis = (int) millis;
        return this;
    }

    /** Takes {@code millis} before each response, like a real API: concurrent callers then overlap. */
    public LoopbackHttpServer respondingAfter(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("delay must be 0 or more: " + millis);
        }
        delayMillis = millis;
        return this;
    }

    /** A URL on this server; its path and query (with a token) are there to prove they never reach a report. */
    public String url() {
        return "http://" + destination() + PATH_AND_QUERY;
    }

    /** {@code 127.0.0.1:port}, as the guard names this server. */
    public String destination() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Requests answered so far. Counted before the response is written, so a client that has it sees it here. */
    public long requests() {
        return requests.get();
    }

    /** TCP connections accepted so far, whether or not they carried a request. */
    public int connections() {
        return perConnection.size();
    }

    /** Requests answered on each connection, in the order the connections were accepted (0 for an unused one). */
    public List<Integer> requestsPerConnection() {
        List<Integer> counts = new ArrayList<>(perConnection.size());
        for (AtomicInteger c : perConnection) {
            counts.add(c.get());
        }
        return counts;
    }

    /** Requests answered and connections accepted, read together. */
    public Tally tally() {
        return new Tally(requests(), connections());
    }

    /** Stops accepting and closes every connection still open. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a listening socket on loopback does not fail in a way a test could act on
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        threads.shutdownNow();
    }

    /** Requests the server answered, and the TCP connections it accepted. */
    public record Tally(long requests, long connections) {
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            AtomicInteger answered = new AtomicInteger();
            perConnection.add(answered);
            open.add(socket);
            try {
                threads.execute(() -> serve(socket, answered));
            } catch (RuntimeException e) { // shut down meanwhile
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket, AtomicInteger answered) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                // a keep-alive timeout runs between requests: a new connection waits for its first one
                socket.setSoTimeout(answered.get() == 0 ? 0 : idleTimeoutMillis);
                Request request;
                try {
                    request = Request.read(in);
                } catch (SocketTimeoutException idle) {
                    return; // idle too long: close, as a server's keep-alive timeout does
                }
                if (request == null) {
                    return; // the client closed the connection
                }
                int limit = maxRequestsPerConnection;
                int count = answered.incrementAndGet();
                boolean close = request.close() || (limit > 0 && count >= limit);
                requests.incrementAndGet();
                long delay = delayMillis;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(close ? Response.CLOSING : Response.KEEP_ALIVE);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent something that is not HTTP/1.1: drop the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } finally {
            open.remove(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** The two answers, each written at once. */
    private static final class Response {
        static final byte[] KEEP_ALIVE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
                .getBytes(StandardCharsets.US_ASCII);
        static final byte[] CLOSING = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\nok").getBytes(StandardCharsets.US_ASCII);

        private Response() {
        }
    }

    /** What the server needs from a request: whether the client wants the connection closed after it. */
    private record Request(boolean close) {
        /** Reads one request, skipping its body; null when the connection ended before a request began. */
        static Request read(InputStream in) throws IOException {
            String requestLine = line(in);
            while (requestLine != null && requestLine.isEmpty()) {
                requestLine = line(in); // a stray CRLF between requests is allowed
            }
            if (requestLine == null) {
                return null;
            }
            boolean http10 = requestLine.endsWith("HTTP/1.0");
            boolean close = http10;
            long length = 0;
            boolean chunked = false;
            String header;
            while ((header = line(in)) != null && !header.isEmpty()) {
                String h = header.toLowerCase(Locale.ROOT);
                if (h.startsWith("connection:")) {
                    close = h.contains("close") || (http10 && !h.contains("keep-alive"));
                } else if (h.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring("content-length:".length()).trim());
                } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                }
            }
            if (header == null) {
                throw new IOException("connection ended inside the request headers");
            }
            if (chunked) {
                skipChunks(in);
            } else {
                in.skipNBytes(length);
            }
            return new Request(close);
        }

        private static void skipChunks(InputStream in) throws IOException {
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("connection ended inside a chunked body");
                }
                int semicolon = size.indexOf(';');
                long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    String trailer;
                    while ((trailer = line(in)) != null && !trailer.isEmpty()) {
                        // trailers carry nothing the server needs
                    }
                    return;
                }
                in.skipNBytes(n);
                line(in); // the CRLF after the chunk
            }
        }

        /** One line without its CRLF; null at the end of the stream before any byte of a line. */
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
    }
}
