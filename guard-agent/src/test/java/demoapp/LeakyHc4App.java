package demoapp;

import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import java.io.IOException;
import java.io.InputStream;

/**
 * An unmodified Apache HttpClient 4.5 app, run as {@link LeakyApp} says, as {@link LeakyHc5App}, with a pool of ten
 * per route (4.5's default of two would block the third request of a leaking app).
 */
public final class LeakyHc4App {
    private static final CloseableHttpClient CLIENT = HttpClients.custom().setMaxConnPerRoute(10)
            .setMaxConnTotal(20).build();

    public static void main(String[] args) throws Exception {
        LeakyApp.run(args, LeakyHc4App::fetchAndForget,
                base -> LeakyApp.repeat(50, base + "/small", LeakyHc4App::fetchAndConsume), LeakyHc4App::download);
    }

    static void fetchAndForget(String url) throws IOException {
        CloseableHttpResponse response = CLIENT.execute(new HttpGet(url));
        if (response.getStatusLine().getStatusCode() != 200) {
            throw new IOException("status " + response.getStatusLine());
        }
        LeakyApp.forgot(response); // neither consumed nor closed: the connection is never released
    }

    static void fetchAndConsume(String url) throws IOException {
        try (CloseableHttpResponse response = CLIENT.execute(new HttpGet(url))) {
            EntityUtils.consume(response.getEntity());
        }
    }

    static long download(String url) throws IOException {
        try (CloseableHttpResponse response = CLIENT.execute(new HttpGet(url));
             InputStream in = response.getEntity().getContent()) {
            return Downloads.drain(in);
        }
    }
}
