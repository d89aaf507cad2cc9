package dev.portguard.it.junit.examples;

import dev.portguard.testing.LoopbackHttpServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The server the example tests call, shared by all of them, and a plain GET. */
public final class Http {
    public static final LoopbackHttpServer SERVER = start();

    private Http() {
    }

    private static LoopbackHttpServer start() {
        try {
            return new LoopbackHttpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void get(OkHttpClient client) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(SERVER.url()).build()).execute()) {
            response.body().string();
        }
    }
}
