package dev.portguard.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The server as a client on a raw socket sees it: what it answers, when it closes, and what it counts. */
class LoopbackHttpServerTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
    private static final String OK_CLOSING = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
            + "Connection: close\r\n\r\nok";

    private LoopbackHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void keepsAConnectionAliveAndCountsEachRequestOnIt() throws Exception {
        try (Socket s = connect()) {
            for (int i = 0; i < 3; i++) {
                assertThat(exchange(s, get())).isEqualTo(OK);
            }
        }
        try (Socket s = connect()) {
            assertThat(exchange(s, get())).isEqualTo(OK);
        }
        assertThat(server.requests()).isEqualTo(4);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.requestsPerConnection()).containsExactly(3, 1);
        assertThat(server.tally()).isEqualTo(new LoopbackHttpServer.Tally(4, 2));
    }

    @Test
    void aRequestAskingToCloseIsAnsweredAndItsConnectionClosed() throws Exception {
        try (Socket s = connect()) {
            assertThat(exchange(s, "GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).isEqualTo(OK_CLOSING);
            assertThat(s.getInputStream().read()).as("closed by the server").isEqualTo(-1);
        }
        try (Socket s = connect()) {
            assertThat(exchange(s, "GET /a HTTP/1.0\r\n\r\n")).isEqualTo(OK_CLOSING);
            assertThat(s.getInputStream().read()).as("HTTP/1.0 without keep-alive").isEqualTo(-1);
        }
        assertThat(server.requestsPerConnection()).containsExactly(1, 1);
    }

    @Test
    void closingEachConnectionAnswersConnectionCloseAndCloses() throws Exception {
        server.closingEachConnection();
        try (Socket s = connect()) {
            assertThat(exchange(s, get())).isEqualTo(OK_CLOSING);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(server.tally()).isEqualTo(new LoopbackHttpServer.Tally(1, 1));
    }

    @Test
    void aRequestLimitClosesAfterTheLastAllowedResponse() throws Exception {
        server.closingConnectionsAfter(2);
        try (Socket s = connect()) {
            assertThat(exchange(s, get())).isEqualTo(OK);
            assertThat(exchange(s, get())).isEqualTo(OK_CLOSING);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        server.closingConnectionsAfter(0);
        try (Socket s = connect()) {
            for (int i = 0; i < 5; i++) {
                assertThat(exchange(s, get())).isEqualTo(OK);
            }
        }
        assertThat(server.requestsPerConnection()).containsExactly(2, 5);
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeoutAndABusyOneIsNot() throws Exception {
        // Generous margins: the machine may be busy. The timeout counts from the last response, not from the connect.
        server.closingIdleConnectionsAfter(Duration.ofMillis(2000));
        try (Socket s = connect()) {
            for (int i = 0; i < 4; i++) { // 4 x 700 ms: longer than the timeout in all, never idle that long
                assertThat(exchange(s, get())).isEqualTo(OK);
                Thread.sleep(700);
            }
            long idleFrom = System.nanoTime();
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).as("closed when idle").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - idleFrom)).isGreaterThan(Duration.ofMillis(1000));
        }
        assertThat(server.requestsPerConnection()).containsExactly(4);
    }

    @Test
    void aDelayHoldsTheResponseBack() throws Exception {
        server.respondingAfter(150);
        try (Socket s = connect()) {
            long started = System.nanoTime();
            assertThat(exchange(s, get())).isEqualTo(OK);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void requestBodiesAreSkippedWhetherSizedOrChunked() throws Exception {
        try (Socket s = connect()) {
            assertThat(exchange(s, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")).isEqualTo(OK);
            assertThat(exchange(s, "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\nTrailer: t\r\n\r\n")).isEqualTo(OK);
            assertThat(exchange(s, get())).isEqualTo(OK);
        }
        assertThat(server.requestsPerConnection()).containsExactly(3);
    }

    @Test
    void countsAConnectionThatCarriedNoRequest() throws Exception {
        try (Socket s = connect()) {
            assertThat(exchange(s, get())).isEqualTo(OK);
        }
        connect().close();
        for (int i = 0; i < 500 && server.connections() < 2; i++) {
            Thread.sleep(10); // the accept loop runs on its own thread
        }
        assertThat(server.requestsPerConnection()).containsExactly(1, 0);
        assertThat(server.tally()).isEqualTo(new LoopbackHttpServer.Tally(1, 2));
    }

    @Test
    void namesItselfAsTheGuardDoesAndClosesOpenConnections() throws Exception {
        assertThat(server.destination()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(server.url()).startsWith("http://" + server.destination() + "/").contains("?");
        try (Socket s = connect()) {
            assertThat(exchange(s, get())).isEqualTo(OK);
            server.close();
            s.setSoTimeout(5000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), server.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static String get() {
        return "GET /items?page=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /** Sends one request and reads one whole response (its body is always Content-Length 2). */
    private static String exchange(Socket s, String request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int bodyLeft = -1;
        while (bodyLeft != 0) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            seen.write(c);
            if (bodyLeft > 0) {
                bodyLeft--;
            } else if (seen.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                bodyLeft = 2;
            }
        }
        return seen.toString(StandardCharsets.US_ASCII);
    }
}
