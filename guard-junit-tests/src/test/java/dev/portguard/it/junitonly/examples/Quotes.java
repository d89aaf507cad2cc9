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
    private static final CloseableHttpClient SHARED_APACHE = HttpClients.createDefault();

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

    /** Looks at the status only and never closes the response: its connection never goes back to the pool. */
    public static int statusLeakingTheBody() throws IOException {
        Response response = SHARED.newCall(new Request.Builder().url(Server.SERVER.url()).build()).execute();
        return response.code();
    }

    /** The same with Apache HttpClient: the response is neither consumed nor closed. */
    @SuppressWarnings("deprecation")
    public static int apacheStatusLeakingTheEntity() throws IOException {
        return SHARED_APACHE.execute(new HttpGet(Server.SERVER.url())).getCode();
    }

    public static String withSharedOkHttpClient() throws IOException {
        try (Response response = SHARED.newCall(new Request.Builder().url(Server.SERVER.url()).build()).execute()) {
            return response.body().string();
        }
    }
}
