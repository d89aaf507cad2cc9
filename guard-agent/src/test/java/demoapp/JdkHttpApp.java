package demoapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** An unmodified java.net.http app: {@code <url> <requests> per-request|shared}. */
public final class JdkHttpApp {
    private static HttpClient shared;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        shared = HttpClient.newHttpClient();
        for (int i = 0; i < requests; i++) {
            fetch(url, variant);
        }
        System.out.println("done");
    }

    static void fetch(String url, String variant) throws Exception {
        HttpClient client = variant.equals("per-request") ? HttpClient.newHttpClient() : shared;
        client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
