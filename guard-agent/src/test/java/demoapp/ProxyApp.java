package demoapp;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An unmodified app that talks through an HTTP proxy, a client per call: {@code jdk|okhttp|hc5 <url> <n> <proxyPort>}.
 * An {@code https} URL goes through the proxy's CONNECT tunnel; the server's certificate is trusted through the
 * standard {@code javax.net.ssl.trustStore} property (HttpClient 5 reads it with {@code useSystemProperties}).
 */
public final class ProxyApp {
    public static void main(String[] args) throws Exception {
        String url = args[1];
        int requests = Integer.parseInt(args[2]);
        InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[3]));
        for (int i = 0; i < requests; i++) {
            switch (args[0]) {
                case "jdk" -> {
                    HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(proxy)).build();
                    client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                }
                case "okhttp" -> {
                    OkHttpClient client = new OkHttpClient.Builder().proxy(new Proxy(Proxy.Type.HTTP, proxy)).build();
                    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                        response.body().string();
                    }
                }
                case "hc5" -> {
                    try (CloseableHttpClient client = HttpClients.custom().useSystemProperties()
                            .setProxy(new HttpHost("http", "127.0.0.1", proxy.getPort())).build()) {
                        client.execute(new HttpGet(url), r -> EntityUtils.toString(r.getEntity()));
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
        System.out.println("done");
    }
}
