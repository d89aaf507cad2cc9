package demoapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * An unmodified HttpURLConnection app: {@code <url> <requests> read|close}; run it with
 * {@code -Dhttp.keepAlive=false} to turn the JVM's keep-alive cache off.
 */
public final class UrlConnectionApp {
    public static void main(String[] args) throws IOException {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        for (int i = 0; i < requests; i++) {
            fetch(url, variant);
        }
        System.out.println("done");
    }

    static void fetch(String url, String variant) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        if (variant.equals("close")) {
            connection.setRequestProperty("Connection", "close");
        }
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
        }
    }
}
