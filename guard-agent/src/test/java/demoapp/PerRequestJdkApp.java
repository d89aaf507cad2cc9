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
 * [close]}. Prints the responses it got, tallied, what a request to a closed port threw, and the clients' threads
 * (selector and workers) alive at the end.
 */
public final class PerRequestJdkApp {
    private static final HttpClient SHARED = newClient();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        boolean perRequest = args[2].equals("per-request");
        boolean async = args.length > 3 && args[3].equals("async");
        boolean close = args.length > 4 && args[4].equals("close");
        Map<String, Integer> responses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            HttpClient client = perRequest ? newClient() : SHARED;
            responses.merge(fetch(client, url, async), 1, Integer::sum);
            if (close && perRequest && client instanceof AutoCloseable closeable) {
                closeable.close(); // JDK 21+
            }
        }
        System.out.println("responses " + responses);
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
