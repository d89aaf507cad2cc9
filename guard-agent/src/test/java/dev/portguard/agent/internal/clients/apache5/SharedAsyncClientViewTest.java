package dev.portguard.agent.internal.clients.apache5;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The view a mitigated async client is, against a real server and a real shared client, beside the code's own
 * clients: its cookies are its own, its life (before start, after close) is its own, and closing it leaves the
 * shared client serving.
 */
class SharedAsyncClientViewTest {
    private HttpServer server;
    private String base;
    private CloseableHttpAsyncClient shared;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/set", exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "session=1; Path=/");
            answer(exchange, "set");
        });
        server.createContext("/echo", exchange -> answer(exchange,
                String.join(";", exchange.getRequestHeaders().getOrDefault("Cookie", List.of("none")))));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        shared = HttpAsyncClients.createDefault();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() throws Exception {
        shared.close();
        server.stop(0);
    }

    @Test
    void eachViewKeepsItsOwnCookiesAsEachClientTheCodeBuiltWould() throws Exception {
        // the code's own clients: a cookie set on one is never sent by the next
        try (CloseableHttpAsyncClient own = HttpAsyncClients.createDefault()) {
            own.start();
            get(own, "/set");
            assertThat(get(own, "/echo")).isEqualTo("session=1");
        }
        try (CloseableHttpAsyncClient own = HttpAsyncClients.createDefault()) {
            own.start();
            assertThat(get(own, "/echo")).isEqualTo("none");
        }

        CloseableHttpAsyncClient first = new SharedAsyncClientView(shared, true);
        first.start();
        get(first, "/set");
        assertThat(get(first, "/echo")).isEqualTo("session=1");
        CloseableHttpAsyncClient second = new SharedAsyncClientView(shared, true);
        second.start();
        assertThat(get(second, "/echo")).isEqualTo("none");
        assertThat(get(first, "/echo")).isEqualTo("session=1");
    }

    @Test
    void aViewLivesAsAClientDoesAndClosingItLeavesTheSharedClientServing() throws Exception {
        CloseableHttpAsyncClient view = new SharedAsyncClientView(shared, true);
        assertThat(view.getStatus()).isEqualTo(IOReactorStatus.INACTIVE);
        assertThatThrownBy(() -> get(view, "/echo")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CancellationException.class);

        view.start();
        assertThat(get(view, "/echo")).isEqualTo("none");
        // the shared reactor's status, as a started client's (read after an exchange: a client's reactor starts on
        // a thread of its own, so right after start() it may not be active yet)
        assertThat(view.getStatus()).isEqualTo(IOReactorStatus.ACTIVE);

        view.close();
        assertThat(view.getStatus()).isEqualTo(IOReactorStatus.SHUT_DOWN);
        view.awaitShutdown(org.apache.hc.core5.util.TimeValue.ofSeconds(5)); // returns: it is shut down
        assertThatThrownBy(() -> get(view, "/echo")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class);
        view.start(); // a closed client stays closed
        assertThat(view.getStatus()).isEqualTo(IOReactorStatus.SHUT_DOWN);

        CloseableHttpAsyncClient next = new SharedAsyncClientView(shared, true);
        next.start();
        assertThat(get(next, "/echo")).isEqualTo("none");
        assertThat(shared.getStatus()).isEqualTo(IOReactorStatus.ACTIVE);
    }

    private String get(CloseableHttpAsyncClient client, String path) throws Exception {
        SimpleHttpResponse response = client.execute(SimpleRequestBuilder.get(base + path).build(), null)
                .get(10, TimeUnit.SECONDS);
        return response.getBodyText();
    }
}
