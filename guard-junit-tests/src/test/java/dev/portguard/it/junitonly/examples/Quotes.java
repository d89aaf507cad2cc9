package dev.portguard.it.junitonly.examples;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;

/** Code under test, written the way SDKs often are: a client built per call, no PortGuard code anywhere. */
public final class Quotes {
    private static final OkHttpClient SHARED = new OkHttpClient();

    private Quotes() {
    }

    public static String withNewOkHttpClient() throws IOException {
        OkHttpClient client = new OkHttpClient();
        try (Response response = client.newCall(new Request.Builder().url(Server.SERVER.url()).build()).execute()) {
            return response.body().string();
        }
    }

    public static String withDefaultApacheClient() throws IOException {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            return client.execute(new HttpGet(Server.SERVER.url()), response -> EntityUtils.toString(response.getEntity()));
        }
    }

    public static String withSharedOkHttpClient() throws IOException {
        try (Response response = SHARED.newCall(new Request.Builder().url(Server.SERVER.url()).build()).execute()) {
            return response.body().string();
        }
    }
}
