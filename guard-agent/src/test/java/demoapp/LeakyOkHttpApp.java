package demoapp;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An unmodified OkHttp app: {@code <base url> leak|close <wait ms>}. {@code leak} takes five responses and never
 * closes them; {@code close} closes every one and runs three slow downloads, each read to its end while it lasts.
 */
public final class LeakyOkHttpApp {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final List<Response> FORGOTTEN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        if (args[1].equals("leak")) {
            for (int i = 0; i < 5; i++) {
                fetchAndForget(base + "/small");
            }
        } else {
            for (int i = 0; i < 50; i++) {
                fetchAndClose(base + "/small");
            }
            Downloads.inParallel(3, () -> download(base + "/stream"));
        }
        Thread.sleep(Long.parseLong(args[2])); // long past leak.age: the guard's watch has looked by now
        System.out.println("done " + FORGOTTEN.size());
    }

    static void fetchAndForget(String url) throws IOException {
        Response response = CLIENT.newCall(new Request.Builder().url(url).build()).execute();
        if (response.code() != 200) {
            throw new IOException("status " + response.code());
        }
        FORGOTTEN.add(response); // the body is never read nor closed
    }

    static void fetchAndClose(String url) throws IOException {
        try (Response response = CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
            response.body().string();
        }
    }

    static long download(String url) throws IOException {
        try (Response response = CLIENT.newCall(new Request.Builder().url(url).build()).execute();
             ResponseBody body = response.body(); InputStream in = body.byteStream()) {
            return Downloads.drain(in);
        }
    }
}
