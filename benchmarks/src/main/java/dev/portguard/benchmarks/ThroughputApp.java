package dev.portguard.benchmarks;

import dev.portguard.testing.LoopbackHttpServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Throughput under load, one process: a loopback server and {@code threads} callers each making {@code requests}
 * keep-alive GETs through one shared OkHttp client (pool sized to the callers). benchmarks/run.sh runs it with and
 * without the agent, alternating. Prints requests per second and latency percentiles, as JSON.
 *
 * <pre>{@code java -cp benchmarks.jar dev.portguard.benchmarks.ThroughputApp <threads> <requests per thread>}</pre>
 */
public final class ThroughputApp {
    private ThroughputApp() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int perThread = Integer.parseInt(args[1]);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            OkHttpClient client = new OkHttpClient.Builder()
                    .connectionPool(new okhttp3.ConnectionPool(threads, 5, TimeUnit.MINUTES)).build();
            Request request = new Request.Builder().url(server.url()).build();
            for (int i = 0; i < 2_000; i++) {
                call(client, request); // warm-up, untimed
            }
            long[] latencies = new long[threads * perThread];
            CountDownLatch start = new CountDownLatch(1);
            Thread[] callers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread;
                callers[t] = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            long began = System.nanoTime();
                            call(client, request);
                            latencies[offset + i] = System.nanoTime() - began;
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                callers[t].start();
            }
            long began = System.nanoTime();
            start.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT,
                    "{\"requests\": %d, \"seconds\": %.3f, \"per_second\": %.0f, \"p50_us\": %.1f, \"p99_us\": %.1f,"
                            + " \"connections\": %d}%n",
                    latencies.length, seconds, latencies.length / seconds, pct(latencies, 0.50), pct(latencies, 0.99),
                    server.connections());
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1_000.0;
    }

    private static void call(OkHttpClient client, Request request) throws Exception {
        try (Response r = client.newCall(request).execute()) {
            r.body().string();
        }
    }
}
