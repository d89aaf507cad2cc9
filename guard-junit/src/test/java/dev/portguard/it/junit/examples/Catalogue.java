package dev.portguard.it.junit.examples;

import okhttp3.OkHttpClient;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;

/** "Production code" with no PortGuard code at all: only the agent sees its clients. */
public final class Catalogue {
    private static final CloseableHttpClient SHARED = HttpClients.createDefault();

    private Catalogue() {
    }

    /** The bug, Apache style: a default client per call. */
    public static void fetchWithDefaultClient() throws IOException {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            get(client);
        }
    }

    /** The bug, OkHttp style: {@code new OkHttpClient()} per call. */
    public static void fetchWithNewOkHttpClient() throws IOException {
        Http.get(new OkHttpClient());
    }

    /** The fix. */
    public static void fetchWithSharedClient() throws IOException {
        get(SHARED);
    }

    private static void get(CloseableHttpClient client) throws IOException {
        client.execute(new HttpGet(Http.SERVER.url()), response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }
}
