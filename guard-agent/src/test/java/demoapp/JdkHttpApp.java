package demoapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An unmodified java.net.http app: {@code <url> <requests> per-request|shared|idle-closed}. The shared client is
 * closed at the end where the JDK can (21 and later). idle-closed sends through the shared client, each request
 * once the server closed the connection of the one before (the client reads its end of stream and closes it), and
 * waits for that after the last one too.
 */
public final class JdkHttpApp {
    private static HttpClient shared;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        shared = HttpClient.newHttpClient();
        for (int i = 0; i < requests; i++) {
            fetch(url, variant);
            if (variant.equals("idle-closed")) {
                ClientAppRuns.awaitServerClosed(url, true);
            }
        }
        if (shared instanceof AutoCloseable closeable) {
            closeable.close();
        }
        System.out.println("done");
    }

    static void fetch(String url, String variant) throws Exception {
        HttpClient client = variant.equals("per-request") ? HttpClient.newHttpClient() : shared;
        client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
