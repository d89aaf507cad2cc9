package demoapp;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;

/**
 * An unmodified Apache HttpClient 5 async app: {@code <url> <requests> per-request|shared|idle-closed}. idle-closed
 * sends through one client, each request once the server closed the connection of the one before and the client
 * read its end of stream.
 */
public final class Hc5AsyncApp {
    private static CloseableHttpAsyncClient shared;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        shared = HttpAsyncClients.createDefault();
        shared.start();
        for (int i = 0; i < requests; i++) {
            if (i > 0 && variant.equals("idle-closed")) {
                ClientAppRuns.awaitServerClosed(url, true);
            }
            fetch(url, variant);
        }
        shared.close();
        System.out.println("done");
    }

    static void fetch(String url, String variant) throws Exception {
        SimpleHttpRequest get = SimpleRequestBuilder.get(url).build();
        if (variant.equals("per-request")) {
            try (CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
                client.start();
                client.execute(get, null).get();
            }
        } else {
            shared.execute(get, null).get();
        }
    }
}
