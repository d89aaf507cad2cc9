package demoapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * An unmodified {@code java.net.http.HttpClient} app: {@code <base url> leak|close <wait ms>}. {@code leak} takes
 * four large bodies as input streams and never reads nor closes them: the client stops receiving each once its first
 * buffers are taken, and its connection never goes back to the pool. {@code close} reads every body to its end (50
 * small ones, as strings and as streams closed when read) and runs three slow downloads read while they last.
 */
public final class LeakyJdkHttpApp {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final List<InputStream> FORGOTTEN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        if (args[1].equals("leak")) {
            for (int i = 0; i < 4; i++) {
                fetchAndForget(base + "/big");
            }
        } else {
            for (int i = 0; i < 20; i++) {
                fetchAsString(base + "/small");
                fetchAndClose(base + "/small");
            }
            for (int i = 0; i < 5; i++) {
                readSomeAndClose(base + "/big"); // the rest is not wanted: closing gives the connection up
                fetchAndClose(base + "/closing"); // the server closes each connection after its response
            }
            Downloads.inParallel(3, () -> download(base + "/stream"));
        }
        Thread.sleep(Long.parseLong(args[2]));
        System.out.println("done " + FORGOTTEN.size());
    }

    static void fetchAndForget(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
        FORGOTTEN.add(response.body()); // never read nor closed: the connection stays out of the pool
    }

    static void fetchAsString(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
    }

    static void fetchAndClose(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            Downloads.drain(in);
        }
    }

    static void readSomeAndClose(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (in.read(new byte[1024]) <= 0) {
                throw new IOException("empty body");
            }
        }
    }

    static long download(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            return Downloads.drain(in);
        }
    }
}
