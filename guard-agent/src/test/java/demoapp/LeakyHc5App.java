package demoapp;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An unmodified Apache HttpClient 5 app: {@code <base url> leak|close <wait ms>}. {@code leak} takes four responses
 * and never consumes nor closes them (the default pool holds five per route); {@code close} closes every one and runs
 * three slow downloads, each read to its end while it lasts.
 */
public final class LeakyHc5App {
    private static final CloseableHttpClient CLIENT = HttpClients.createDefault();
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

    @SuppressWarnings("deprecation")
    static void fetchAndForget(String url) throws IOException {
        CloseableHttpResponse response = CLIENT.execute(new HttpGet(url));
        if (response.getCode() != 200) {
            throw new IOException("status " + response.getCode());
        }
        FORGOTTEN.add(response); // neither consumed nor closed: the lease is never released
    }

    static void fetchAndConsume(String url) throws IOException {
        CLIENT.execute(new HttpGet(url), response -> EntityUtils.toString(response.getEntity()));
    }

    @SuppressWarnings("deprecation")
    static long download(String url) throws IOException {
        try (CloseableHttpResponse response = CLIENT.execute(new HttpGet(url));
             InputStream in = response.getEntity().getContent()) {
            return Downloads.drain(in);
        }
    }
}
