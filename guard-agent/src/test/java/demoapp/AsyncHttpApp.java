package demoapp;

import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static org.asynchttpclient.Dsl.asyncHttpClient;

/**
 * An unmodified AsyncHttpClient app: {@code <url> <requests> per-request|shared|idle-closed}. per-request builds a
 * client with {@code Dsl.asyncHttpClient()} for every request and closes it after; shared keeps 8 requests in flight
 * at once through one client; idle-closed sends through one client one request at a time, each once the server
 * closed the idle connection of the one before (the client has no connection left).
 */
public final class AsyncHttpApp {
    public static void main(String[] args) throws Exception {
        ClientAppRuns.main(args, Map.of(
                "per-request", (url, n) -> ClientAppRuns.repeat(n, () -> fetch(url)),
                "shared", AsyncHttpApp::shared,
                "idle-closed", AsyncHttpApp::idleClosed));
        awaitClientsClosed();
    }

    /**
     * {@code close()} returns while the client's event loop is still closing its channels: wait for its threads to
     * end, so every connection was closed by the client before the JVM exits (not by the exit).
     */
    private static void awaitClientsClosed() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("AsyncHttpClient")) {
                t.join(60_000);
                if (t.isAlive()) {
                    throw new IllegalStateException(t.getName() + " still running after 60 s");
                }
            }
        }
    }

    static void fetch(String url) throws Exception {
        try (AsyncHttpClient client = asyncHttpClient()) {
            check(client.prepareGet(url).execute().get());
        }
    }

    private static void shared(String url, int requests) throws Exception {
        try (AsyncHttpClient client = asyncHttpClient()) {
            Semaphore slots = new Semaphore(8);
            List<CompletableFuture<Response>> all = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                slots.acquire();
                CompletableFuture<Response> f = client.prepareGet(url).execute().toCompletableFuture();
                f.whenComplete((r, t) -> slots.release());
                all.add(f);
            }
            for (CompletableFuture<Response> f : all) {
                check(f.get());
            }
        }
    }

    private static void idleClosed(String url, int requests) throws Exception {
        try (AsyncHttpClient client = asyncHttpClient()) {
            for (int i = 0; i < requests; i++) {
                check(client.prepareGet(url).execute().get());
                ClientAppRuns.await("the server closing the idle connection",
                        () -> client.getClientStats().getTotalConnectionCount() == 0);
            }
        }
    }

    private static void check(Response response) {
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("status " + response.getStatusCode());
        }
    }
}
