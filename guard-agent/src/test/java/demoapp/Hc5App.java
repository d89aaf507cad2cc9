package demoapp;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;

/** An unmodified Apache HttpClient 5 classic app: {@code <url> <requests> per-request|shared|close}. */
public final class Hc5App {
    private static CloseableHttpClient shared;

    public static void main(String[] args) throws IOException {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        shared = HttpClients.createDefault();
        for (int i = 0; i < requests; i++) {
            fetch(url, variant);
        }
        shared.close();
        System.out.println("done");
    }

    static void fetch(String url, String variant) throws IOException {
        HttpGet get = new HttpGet(url);
        if (variant.equals("close")) {
            get.setHeader("Connection", "close");
        }
        if (variant.equals("per-request")) {
            try (CloseableHttpClient client = HttpClients.createDefault()) {
                client.execute(get, response -> EntityUtils.toString(response.getEntity()));
            }
        } else {
            shared.execute(get, response -> EntityUtils.toString(response.getEntity()));
        }
    }
}
