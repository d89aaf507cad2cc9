package demoapp;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.io.InputStream;

/**
 * An unmodified Apache HttpClient 5 app, run as {@link LeakyApp} says: {@code leak} takes four responses and never
 * consumes nor closes them (the default pool holds five per route); {@code close} consumes 50 and closes them.
 */
public final class LeakyHc5App {
    private static final CloseableHttpClient CLIENT = HttpClients.createDefault();

    public static void main(String[] args) throws Exception {
        LeakyApp.run(args, LeakyHc5App::fetchAndForget,
                base -> LeakyApp.repeat(50, base + "/small", LeakyHc5App::fetchAndConsume), LeakyHc5App::download);
    }

    @SuppressWarnings("deprecation")
    static void fetchAndForget(String url) throws IOException {
        CloseableHttpResponse response = CLIENT.execute(new HttpGet(url));
        if (response.getCode() != 200) {
            throw new IOException("status " + response.getCode());
        }
        LeakyApp.forgot(response); // neither consumed nor closed: the lease is never released
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
