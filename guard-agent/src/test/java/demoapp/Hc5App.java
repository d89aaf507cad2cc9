package demoapp;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;

import java.io.IOException;

/**
 * An unmodified Apache HttpClient 5 classic app: {@code <url> <requests> per-request|shared|close|idle-closed}.
 * idle-closed sends through one client that checks a pooled connection before each reuse
 * ({@code validateAfterInactivity} zero), each request once the server closed the connection of the one before.
 */
public final class Hc5App {
    private static CloseableHttpClient shared;

    public static void main(String[] args) throws IOException, InterruptedException {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        shared = variant.equals("idle-closed") ? checkingEachReuse() : HttpClients.createDefault();
        for (int i = 0; i < requests; i++) {
            if (i > 0 && variant.equals("idle-closed")) {
                ClientAppRuns.awaitServerClosed(url, false);
            }
            fetch(url, variant);
        }
        shared.close();
        System.out.println("done");
    }

    @SuppressWarnings("deprecation") // the setter every 5.x release has
    private static CloseableHttpClient checkingEachReuse() {
        PoolingHttpClientConnectionManager manager = new PoolingHttpClientConnectionManager();
        manager.setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS);
        return HttpClients.custom().setConnectionManager(manager).build();
    }

    static void fetch(String url, String variant) throws IOException {
        HttpGet get = new HttpGet(url);
        if (variant.equals("close")) {
            get.setHeader("Connection", "close");
        }
        if (variant.equals("per-request")) {
            try (CloseableHttpClient client = HttpClients.createDefault()) {
                client.execute(get, response -> EntityUtils.toString(response.getEntity()));
            }
        } else {
            shared.execute(get, response -> EntityUtils.toString(response.getEntity()));
        }
    }
}
