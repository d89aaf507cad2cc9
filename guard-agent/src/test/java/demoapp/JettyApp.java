package demoapp;

import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An unmodified Jetty 12 client app: {@code <url> <requests> <variant>}.
 * <ul>
 *   <li>per-request builds, starts and stops an {@code HttpClient} for every request; shared sends from 8 threads
 *   at once through one started client, stopped at the end;</li>
 *   <li>idle-closed sends through one client one request at a time, each once the server closed the idle connection
 *   of the one before (the client's pool is empty again);</li>
 *   <li>h2-per-request and h2-shared: the same over HTTP/2 without TLS (prior knowledge); h2-shared sends one request,
 *   then rounds of 100 at once, which one connection carries as concurrent streams.</li>
 * </ul>
 */
public final class JettyApp {
    private static final int STREAMS = 100;

    public static void main(String[] args) throws Exception {
        ClientAppRuns.main(args, Map.of(
                "per-request", (url, n) -> ClientAppRuns.repeat(n, () -> fetch(url, false)),
                "shared", JettyApp::shared,
                "idle-closed", JettyApp::idleClosed,
                "h2-per-request", (url, n) -> ClientAppRuns.repeat(n, () -> fetch(url, true)),
                "h2-shared", JettyApp::h2Shared));
    }

    static void fetch(String url, boolean h2) throws Exception {
        HttpClient client = h2 ? new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client())) : new HttpClient();
        client.start();
        try {
            check(client.GET(url));
        } finally {
            client.stop();
        }
    }

    private static void shared(String url, int requests) throws Exception {
        HttpClient client = new HttpClient();
        client.start();
        try {
            ClientAppRuns.onThreads(8, requests, () -> check(client.GET(url)));
        } finally {
            client.stop();
        }
    }

    private static void idleClosed(String url, int requests) throws Exception {
        HttpClient client = new HttpClient();
        client.start();
        try {
            for (int i = 0; i < requests; i++) {
                check(client.GET(url));
                ClientAppRuns.await("the server closing the idle connection",
                        () -> client.getDestinations().stream().map(Destination::getConnectionPool)
                                .allMatch(pool -> pool.isEmpty()));
            }
        } finally {
            client.stop();
        }
    }

    private static void h2Shared(String url, int requests) throws Exception {
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        client.start();
        try {
            check(client.GET(url)); // the connection is up and the server's settings known before streams pile on
            for (int sent = 1; sent < requests; ) {
                int round = Math.min(STREAMS, requests - sent);
                CompletableFuture<?>[] all = new CompletableFuture<?>[round];
                for (int i = 0; i < round; i++) {
                    CompletableFuture<Result> done = new CompletableFuture<>();
                    client.newRequest(url).send(new BufferingResponseListener() {
                        @Override
                        public void onComplete(Result result) {
                            done.complete(result);
                        }
                    });
                    all[i] = done.thenAccept(JettyApp::check);
                }
                CompletableFuture.allOf(all).get();
                sent += round;
            }
        } finally {
            client.stop();
        }
    }

    private static void check(Result result) {
        if (result.isFailed()) {
            throw new IllegalStateException("failed", result.getFailure());
        }
        if (result.getResponse().getStatus() != 200) {
            throw new IllegalStateException("status " + result.getResponse().getStatus());
        }
    }

    private static void check(ContentResponse response) {
        if (response.getStatus() != 200) {
            throw new IllegalStateException("status " + response.getStatus());
        }
    }
}
