package demoapp;

import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An unmodified Apache HttpClient 4.5 app: {@code <base url> leak|close <wait ms>}, as {@link LeakyHc5App}, with a
 * pool of ten per route (4.5's default of two would block the third request of a leaking app).
 */
public final class LeakyHc4App {
    private static final CloseableHttpClient CLIENT = HttpClients.custom().setMaxConnPerRoute(10)
            .setMaxConnTotal(20).build();
    private static final List<CloseableHttpResponse> FORGOTTEN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        if (args[1].equals("leak")) {
            for (int i = 0; i < 4; i++) {
                fetchAndForget(base + "/small");
            }
        } else {
            for (int i = 0; i < 50; i++) {
                fetchAndConsume(base + "/small");
            }
            Downloads.inParallel(3, () -> download(base + "/stream"));
        }
        Thread.sleep(Long.parseLong(args[2]));
        System.out.println("done " + FORGOTTEN.size());
    }

    static void fetchAndForget(String url) throws IOException {
        CloseableHttpResponse response = CLIENT.execute(new HttpGet(url));
        if (response.getStatusLine().getStatusCode() != 200) {
            throw new IOException("status " + response.getStatusLine());
        }
        FORGOTTEN.add(response); // neither consumed nor closed: the connection is never released
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
