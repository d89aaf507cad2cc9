package demoapp;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** An unmodified OkHttp app: {@code <url> <requests> per-request|shared|close|zero-idle}. */
public final class OkHttpApp {
    private static OkHttpClient shared;

    public static void main(String[] args) throws IOException {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        if (variant.equals("zero-idle")) {
            shared = new OkHttpClient.Builder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
        } else {
            shared = new OkHttpClient();
        }
        for (int i = 0; i < requests; i++) {
            fetch(url, variant);
        }
        System.out.println("done");
    }

    static void fetch(String url, String variant) throws IOException {
        OkHttpClient client = variant.equals("per-request") ? new OkHttpClient() : shared;
        Request.Builder request = new Request.Builder().url(url);
        if (variant.equals("close")) {
            request.header("Connection", "close");
        }
        try (Response response = client.newCall(request.build()).execute()) {
            response.body().string();
        }
    }
}
