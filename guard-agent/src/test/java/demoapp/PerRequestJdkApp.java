package demoapp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An unmodified java.net.http app for mitigate mode: {@code <url> <requests> per-request|shared [sync|async]
 * [close|shutdown|shutdownNow]}. Prints the responses it got, tallied, what a client the code closed answers,
 * what a request to a closed port threw, and the clients' threads
 * (selector and workers) alive at the end.
 */
public final class PerRequestJdkApp {
    private static final HttpClient SHARED = newClient();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        boolean perRequest = args[2].equals("per-request");
        boolean async = args.length > 3 && args[3].equals("async");
        // close, shutdown or shutdownNow: what the code calls on each per-request client when done (JDK 21+)
        String closing = args.length > 4 ? args[4] : null;
        HttpClient lastClosed = null;
        Map<String, Integer> responses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            HttpClient client = perRequest ? newClient() : SHARED;
            responses.merge(fetch(client, url, async), 1, Integer::sum);
            if (closing != null && perRequest && client instanceof AutoCloseable) { // JDK 21+
                HttpClient.class.getMethod(closing).invoke(client);
                lastClosed = client;
            }
        }
        System.out.println("responses " + responses);
        if (lastClosed != null) {
            try {
                fetch(lastClosed, url, false);
                System.out.println("after " + closing + " answered");
            } catch (IOException e) {
                System.out.println("after " + closing + " " + e);
            }
        }
        try {
            fetch(perRequest ? newClient() : SHARED, "http://127.0.0.1:1/", false);
        } catch (IOException e) {
            System.out.println("refused " + e.getClass().getName());
        }
        System.out.println("client threads " + Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-")).count());
        System.out.println("done");
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static String fetch(HttpClient client, String url, boolean async) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        HttpResponse<String> response = async
                ? client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS)
                : client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
