package dev.portguard.benchmarks;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bad program PortGuard is attached to during an incident: a new client per request, on many threads.
 * {@code <okhttp|hc5> <url> <threads> <requests per thread>}; prints the wall time of the requests in ms. Unchanged
 * under the agent: {@link ClientPerRequestTiming} runs it with and without.
 */
public final class ClientPerRequestApp {
    private ClientPerRequestApp() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String url = args[1];
        int threads = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        Task task = client.equals("okhttp") ? () -> okhttp(url) : () -> hc5(url);
        for (int i = 0; i < 200; i++) {
            task.run(); // class loading and first-use costs, outside the timing
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < requests; i++) {
                    task.run();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        System.out.println("elapsed_ms " + millis);
    }

    private interface Task {
        void run() throws Exception;
    }

    private static void okhttp(String url) throws Exception {
        OkHttpClient client = new OkHttpClient();
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            response.body().string();
        }
        client.connectionPool().evictAll(); // the program's one concession: its sockets do not wait for GC
    }

    private static void hc5(String url) throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            client.execute(new HttpGet(url), response -> EntityUtils.toString(response.getEntity()));
        }
    }
}
