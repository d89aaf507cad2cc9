package demoapp;

import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import javax.net.ssl.SSLContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An Apache HttpClient 5 app that builds a client per request whose TLS strategy, socket and connection settings
 * are its own (HttpClient 5 sets them on a connection manager built with the client): {@code <url> <requests>
 * classic|async}. Each client is closed after its request. Prints the responses it got.
 */
public final class OwnSettingsHc5App {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        boolean async = args[2].equals("async");
        Map<String, Integer> responses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            responses.merge(async ? fetchAsync(url) : fetchClassic(url), 1, Integer::sum);
        }
        System.out.println("responses " + responses);
        System.out.println("done");
    }

    static String fetchClassic(String url) throws Exception {
        try (CloseableHttpClient client = newClassicClient()) {
            return client.execute(new HttpGet(url), response -> response.getCode() + " "
                    + EntityUtils.toString(response.getEntity()));
        }
    }

    static String fetchAsync(String url) throws Exception {
        try (CloseableHttpAsyncClient client = newAsyncClient()) {
            client.start();
            var response = client.execute(SimpleRequestBuilder.get(url).build(), null).get(10, TimeUnit.SECONDS);
            return response.getCode() + " " + response.getBodyText();
        }
    }

    static CloseableHttpClient newClassicClient() throws Exception {
        return HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(SSLContext.getDefault())
                        .buildClassic())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofSeconds(5)).build())
                .setDefaultConnectionConfig(connectionConfig())
                .build()).build();
    }

    static CloseableHttpAsyncClient newAsyncClient() throws Exception {
        return HttpAsyncClients.custom().setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(SSLContext.getDefault()).buildAsync())
                .setDefaultConnectionConfig(connectionConfig())
                .build()).build();
    }

    private static ConnectionConfig connectionConfig() {
        return ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5)).build();
    }
}
