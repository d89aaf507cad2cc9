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
 * An unmodified AsyncHttpClient app: {@code <url> <requests> per-request|shared}. per-request builds a client with
 * {@code Dsl.asyncHttpClient()} for every request and closes it after; shared keeps 8 requests in flight at once
 * through one client.
 */
public final class AsyncHttpApp {
    public static void main(String[] args) throws Exception {
        ClientAppRuns.main(args, Map.of(
                "per-request", (url, n) -> ClientAppRuns.repeat(n, () -> fetch(url)),
                "shared", AsyncHttpApp::shared));
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

    private static void check(Response response) {
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("status " + response.getStatusCode());
        }
    }
}
