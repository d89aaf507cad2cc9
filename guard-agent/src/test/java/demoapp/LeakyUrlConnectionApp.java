package demoapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * An unmodified {@code HttpURLConnection} app: {@code <base url> leak|close <wait ms>}. {@code leak} asks for four
 * responses and never reads nor closes their streams, so their connections never go back to the JVM's keep-alive
 * cache; {@code close} reads every body to its end and closes it (or reads a part and closes it, or disconnects, or
 * reads responses the server closes its connection after), and runs three slow downloads read while they last.
 */
public final class LeakyUrlConnectionApp {
    private static final List<HttpURLConnection> FORGOTTEN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        if (args[1].equals("leak")) {
            for (int i = 0; i < 4; i++) {
                fetchAndForget(base + "/small");
            }
        } else {
            for (int i = 0; i < 40; i++) {
                fetchAndClose(base + "/small");
            }
            for (int i = 0; i < 3; i++) {
                readSomeAndClose(base + "/big"); // the rest is not wanted: closing gives the connection up
            }
            for (int i = 0; i < 2; i++) {
                fetchAndDisconnect(base + "/big");
            }
            for (int i = 0; i < 5; i++) {
                fetchAndClose(base + "/closing"); // the server closes each connection after its response
            }
            Downloads.inParallel(3, () -> download(base + "/stream"));
        }
        Thread.sleep(Long.parseLong(args[2]));
        System.out.println("done " + FORGOTTEN.size());
    }

    static void fetchAndForget(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        if (connection.getResponseCode() != 200) {
            throw new IOException("status " + connection.getResponseCode());
        }
        FORGOTTEN.add(connection); // its stream is never read nor closed: the connection is never given back
    }

    static void fetchAndClose(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = connection.getInputStream()) {
            Downloads.drain(in);
        }
    }

    static void readSomeAndClose(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = connection.getInputStream()) {
            if (in.read(new byte[1024]) <= 0) {
                throw new IOException("empty body");
            }
        }
    }

    static void fetchAndDisconnect(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try {
            if (connection.getResponseCode() != 200) {
                throw new IOException("status " + connection.getResponseCode());
            }
        } finally {
            connection.disconnect();
        }
    }

    static long download(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = connection.getInputStream()) {
            return Downloads.drain(in);
        }
    }
}
