package demoapp;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * An unmodified Apache HttpClient 5 classic app for mitigate mode: {@code <url> <requests> per-request|shared}.
 * Each per-request client is closed after its request, as try-with-resources does. Prints the responses it got,
 * tallied, what a request to a closed port threw, and its live threads.
 */
public final class PerRequestHc5App {
    private static final CloseableHttpClient SHARED = HttpClients.createDefault();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        boolean perRequest = args[2].equals("per-request");
        Map<String, Integer> responses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            responses.merge(perRequest ? fetchWithNewClient(url) : fetch(SHARED, url), 1, Integer::sum);
        }
        System.out.println("responses " + responses);
        try {
            if (perRequest) {
                fetchWithNewClient("http://127.0.0.1:1/");
            } else {
                fetch(SHARED, "http://127.0.0.1:1/");
            }
        } catch (IOException e) {
            System.out.println("refused " + e.getClass().getName());
        }
        System.out.println("client threads " + Thread.activeCount());
        System.out.println("done");
    }

    static String fetchWithNewClient(String url) throws IOException {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            return fetch(client, url);
        }
    }

    static String fetch(CloseableHttpClient client, String url) throws IOException {
        return client.execute(new HttpGet(url), response -> response.getCode() + " "
                + EntityUtils.toString(response.getEntity()));
    }
}
