package demoapp;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

/**
 * A java.net.http app that builds a client per request, following redirects, and is redirected by a response that
 * sets a cookie: {@code <base-url> <requests> none|shared}: no cookie handler (the JDK's default) or one
 * {@code CookieManager} for all. Prints the answers it got, tallied (a shared handler sends more cookies each time).
 */
public final class RedirectsAndCookiesJdkApp {
    private static final CookieManager SHARED_COOKIES = new CookieManager();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int requests = Integer.parseInt(args[1]);
        boolean shared = args[2].equals("shared");
        Map<String, Integer> responses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = newClient(shared).send(
                    HttpRequest.newBuilder(URI.create(base + "/login/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            responses.merge(response.statusCode() + " " + response.uri().getPath() + " " + response.body(), 1,
                    Integer::sum);
        }
        System.out.println("responses " + responses);
        System.out.println("done");
    }

    static HttpClient newClient(boolean sharedCookies) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL);
        if (sharedCookies) {
            builder.cookieHandler(SHARED_COOKIES);
        }
        return builder.build();
    }
}
