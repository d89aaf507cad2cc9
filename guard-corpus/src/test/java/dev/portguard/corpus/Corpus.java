package dev.portguard.corpus;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What every corpus program shares: its arguments, the optional wrap through a library integration, a runner for
 * concurrent callers and the end of the run. PortGuard's call-site capture skips this package (it is
 * {@code dev.portguard.}), so a client built through {@link #okhttp} is sited at the program's own line, as it
 * would be if the program called the integration itself.
 */
public final class Corpus {
    /** First program argument when the run goes through guard-okhttp or guard-httpclient5 instead of the agent. */
    public static final String LIBRARY_FLAG = "--library";

    private static boolean library;

    private Corpus() {
    }

    /** The program's own arguments; remembers whether this run wraps its clients with a library integration. */
    public static String[] args(String[] raw) {
        library = raw.length > 0 && raw[0].equals(LIBRARY_FLAG);
        return library ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }

    public static boolean library() {
        return library;
    }

    /** The builder, instrumented by guard-okhttp on the library path; as it is under the agent. */
    public static OkHttpClient.Builder okhttp(OkHttpClient.Builder builder) {
        return library ? Guards.okhttp(builder) : builder;
    }

    public static org.apache.hc.client5.http.impl.classic.HttpClientBuilder hc5(
            org.apache.hc.client5.http.impl.classic.HttpClientBuilder builder) {
        return library ? Guards.hc5(builder) : builder;
    }

    public static org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder hc5(
            org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder builder) {
        return library ? Guards.hc5(builder) : builder;
    }

    /** GET, body read whole and closed, so the connection goes back to the pool. */
    public static String get(OkHttpClient client, String url) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.body().string();
        }
    }

    /** A call made by concurrent callers: {@code index} runs from 0 to the number of calls. */
    public interface Call {
        void run(int index) throws Exception;
    }

    /** {@code calls} calls on {@code threads} platform threads; the first failure fails the program. */
    public static void parallel(int threads, int calls, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    call.run(index);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Opens one response body of a client; the program says how. */
    public interface Opening {
        java.io.InputStream open() throws Exception;
    }

    /**
     * The three ways of the leak patterns, {@code calls} response bodies each: {@code leak} keeps every body open and
     * never reads it (the connections are never given back); {@code close} reads a little of each and closes it;
     * {@code stream} reads all of them at once, each to its end, however long the server takes. Then waits
     * {@code waitMillis}, long enough for a leak to be seen, before the run ends.
     */
    public static void streams(String mode, int calls, long waitMillis, Opening opening) throws Exception {
        List<java.io.InputStream> forgotten = new ArrayList<>();
        switch (mode) {
            case "leak" -> {
                for (int i = 0; i < calls; i++) {
                    forgotten.add(opening.open());
                }
            }
            case "close" -> {
                for (int i = 0; i < calls; i++) {
                    try (java.io.InputStream in = opening.open()) {
                        if (in.read() < 0) {
                            throw new IOException("empty body");
                        }
                    }
                }
            }
            case "stream" -> parallel(calls, calls, i -> {
                try (java.io.InputStream in = opening.open()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            });
            default -> throw new IllegalArgumentException(mode);
        }
        Thread.sleep(waitMillis);
        System.out.println(forgotten.size() + " left open");
    }

    /** The end of a run: on the library path the guard's report is written where the harness reads it. */
    public static void done() throws IOException {
        if (library) {
            Guards.writeReport();
        }
        System.out.println("done");
    }
}
