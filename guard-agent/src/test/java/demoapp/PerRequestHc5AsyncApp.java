package demoapp;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An unmodified Apache HttpClient 5 async app for mitigate mode: {@code <url> <requests> per-request|shared
 * [sync|async] [close]}. {@code sync}: each per-request client is started, waited on and closed, as
 * try-with-resources does; {@code async}: each is started and answers through a callback, and is closed only with
 * {@code close} (without, the code forgets its clients, whose I/O threads stay). Prints the responses it got,
 * tallied, what a request to a closed port failed with, what a client answers before it is started and once closed
 * (with {@code close}), and the clients' threads alive at the end.
 */
public final class PerRequestHc5AsyncApp {
    private static final CloseableHttpAsyncClient SHARED = HttpAsyncClients.createDefault();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        boolean perRequest = args[2].equals("per-request");
        boolean async = args.length > 3 && args[3].equals("async");
        boolean close = !async || args.length > 4 && args[4].equals("close");
        if (!perRequest) {
            SHARED.start();
        }
        Map<String, Integer> responses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            responses.merge(perRequest ? fetchWithNewClient(url, async, close) : fetch(SHARED, url, async), 1,
                    Integer::sum);
        }
        System.out.println("responses " + responses);
        try {
            if (perRequest) {
                fetchWithNewClient("http://127.0.0.1:1/", async, close);
            } else {
                fetch(SHARED, "http://127.0.0.1:1/", async);
            }
        } catch (ExecutionException e) {
            System.out.println("refused " + e.getCause().getClass().getName());
        }
        if (perRequest && close) {
            // what the code's client answers before it is started and once it is closed
            CloseableHttpAsyncClient client = newClient();
            System.out.println("before start " + failure(client, url));
            client.start();
            client.close();
            System.out.println("after close " + failure(client, url) + " " + client.getStatus());
        }
        System.out.println("client threads " + Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("httpclient-")).count());
        System.out.println("done");
    }

    static String fetchWithNewClient(String url, boolean async, boolean close) throws Exception {
        CloseableHttpAsyncClient client = newClient();
        try {
            client.start();
            return fetch(client, url, async);
        } finally {
            if (close) {
                client.close();
            }
        }
    }

    private static String failure(CloseableHttpAsyncClient client, String url) {
        try {
            return "answered " + fetch(client, url, false);
        } catch (ExecutionException e) {
            return e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        } catch (Exception e) {
            return "threw " + e.getClass().getName();
        }
    }

    static CloseableHttpAsyncClient newClient() {
        return HttpAsyncClients.createDefault();
    }

    static String fetch(CloseableHttpAsyncClient client, String url, boolean async) throws Exception {
        SimpleHttpResponse response;
        if (async) {
            CompletableFuture<SimpleHttpResponse> answered = new CompletableFuture<>();
            client.execute(SimpleRequestBuilder.get(url).build(), new FutureCallback<>() {
                @Override
                public void completed(SimpleHttpResponse result) {
                    answered.complete(result);
                }

                @Override
                public void failed(Exception ex) {
                    answered.completeExceptionally(ex);
                }

                @Override
                public void cancelled() {
                    answered.cancel(false);
                }
            });
            response = answered.get(10, TimeUnit.SECONDS);
        } else {
            response = client.execute(SimpleRequestBuilder.get(url).build(), null).get(10, TimeUnit.SECONDS);
        }
        return response.getCode() + " " + response.getBodyText();
    }
}
