package demoapp;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** An unmodified app that talks through an HTTP proxy, a client per call: {@code jdk|okhttp <url> <n> <proxyPort>}. */
public final class ProxyApp {
    public static void main(String[] args) throws Exception {
        String url = args[1];
        int requests = Integer.parseInt(args[2]);
        InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[3]));
        for (int i = 0; i < requests; i++) {
            if (args[0].equals("jdk")) {
                HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(proxy)).build();
                client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            } else {
                OkHttpClient client = new OkHttpClient.Builder().proxy(new Proxy(Proxy.Type.HTTP, proxy)).build();
                try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                    response.body().string();
                }
            }
        }
        System.out.println("done");
    }
}
