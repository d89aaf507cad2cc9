package demoapp;

import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import java.io.IOException;

/** An unmodified Apache HttpClient 4.5 app: {@code <url> <requests> per-request|shared|close}. */
public final class Hc4App {
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
        CloseableHttpClient client = variant.equals("per-request") ? HttpClients.createDefault() : shared;
        try (CloseableHttpResponse response = client.execute(get)) {
            EntityUtils.consume(response.getEntity());
        }
        if (client != shared) {
            client.close();
        }
    }
}
