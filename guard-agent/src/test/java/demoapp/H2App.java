package demoapp;

import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.http2.HttpVersionPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An unmodified app calling an HTTP/2 server:
 * {@code <client> <url> <rounds> <concurrency> shared|cold|per-request}.
 * {@code client} is {@code jdk} (java.net.http, HTTP/2 asked for: ALPN over TLS, an h2c upgrade over cleartext),
 * {@code okhttp} (ALPN, or prior knowledge over cleartext), {@code hc5} (Apache HttpClient 5 async, HTTP/2
 * forced: ALPN over TLS, prior knowledge over cleartext) or {@code hc5h2} (Apache HttpClient 5's HTTP/2-only async
 * client: {@code HttpAsyncClients.createHttp2Default()} shared, {@code customHttp2().build()} per request). {@code shared}: one client makes one request, then each
 * round starts {@code concurrency} requests at once and waits for them all. {@code cold}: the same without the
 * first request, so the first round's requests race to connect before any connection exists. {@code per-request}: a new client for every request,
 * {@code rounds} of them one after the other. Prints the protocol of the last response.
 */
public final class H2App {
    private static volatile String lastProtocol = "none";

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String url = args[1];
        int rounds = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        boolean cleartext = url.startsWith("http:");
        if (args[4].equals("per-request")) {
            for (int i = 0; i < rounds; i++) {
                fetch(client, url, cleartext);
            }
        } else {
            Callable<String> call = shared(client, url, cleartext);
            if (args[4].equals("shared")) {
                lastProtocol = call.call();
            }
            ExecutorService threads = Executors.newFixedThreadPool(concurrency);
            try {
                for (int round = 0; round < rounds; round++) {
                    burst(threads, concurrency, call);
                }
            } finally {
                threads.shutdown();
            }
        }
        System.out.println("done " + lastProtocol);
        System.exit(0); // the clients' own threads (selectors, reactors) need not be waited for
    }

    /** {@code concurrency} calls released together, each on its own thread, all answered before the next round. */
    private static void burst(ExecutorService threads, int concurrency, Callable<String> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            calls.add(threads.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        for (Future<String> f : calls) {
            lastProtocol = f.get();
        }
    }

    /** One client for the whole run; the call it makes. */
    private static Callable<String> shared(String client, String url, boolean cleartext) {
        switch (client) {
            case "jdk" -> {
                HttpClient jdk = jdkClient();
                return () -> jdkGet(jdk, url);
            }
            case "okhttp" -> {
                OkHttpClient okhttp = okHttpClient(cleartext);
                return () -> okHttpGet(okhttp, url);
            }
            case "hc5" -> {
                CloseableHttpAsyncClient hc5 = hc5Client();
                hc5.start();
                return () -> hc5Get(hc5, url);
            }
            case "hc5h2" -> {
                CloseableHttpAsyncClient hc5 = HttpAsyncClients.createHttp2Default();
                hc5.start();
                return () -> hc5Get(hc5, url);
            }
            default -> throw new IllegalArgumentException(client);
        }
    }

    /** A client built for this one request, here: the anti-pattern, HTTP/2 or not. */
    @SuppressWarnings("deprecation")
    static void fetch(String client, String url, boolean cleartext) throws Exception {
        switch (client) {
            case "jdk" -> {
                HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
                lastProtocol = jdkGet(jdk, url);
            }
            case "okhttp" -> {
                OkHttpClient okhttp = cleartext
                        ? new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build()
                        : new OkHttpClient();
                lastProtocol = okHttpGet(okhttp, url);
            }
            case "hc5" -> {
                try (CloseableHttpAsyncClient hc5 =
                             HttpAsyncClients.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2).build()) {
                    hc5.start();
                    lastProtocol = hc5Get(hc5, url);
                }
            }
            case "hc5h2" -> {
                try (CloseableHttpAsyncClient hc5 = HttpAsyncClients.customHttp2().build()) {
                    hc5.start();
                    lastProtocol = hc5Get(hc5, url);
                }
            }
            default -> throw new IllegalArgumentException(client);
        }
    }

    private static HttpClient jdkClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    }

    private static String jdkGet(HttpClient client, String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        check(r.statusCode(), r.body());
        return r.version().toString();
    }

    private static OkHttpClient okHttpClient(boolean cleartext) {
        return cleartext ? new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build()
                : new OkHttpClient();
    }

    private static String okHttpGet(OkHttpClient client, String url) throws IOException {
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            check(r.code(), r.body().string());
            return r.protocol().toString();
        }
    }

    @SuppressWarnings("deprecation") // the version policy on the builder: what every HttpClient 5 release takes
    private static CloseableHttpAsyncClient hc5Client() {
        return HttpAsyncClients.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2).build();
    }

    private static String hc5Get(CloseableHttpAsyncClient client, String url) throws Exception {
        SimpleHttpResponse r = client.execute(SimpleRequestBuilder.get(url).build(), null).get();
        check(r.getCode(), r.getBodyText());
        return r.getVersion().toString();
    }

    private static void check(int status, String body) throws IOException {
        if (status != 200 || !"ok".equals(body)) {
            throw new IOException("status " + status);
        }
    }
}
