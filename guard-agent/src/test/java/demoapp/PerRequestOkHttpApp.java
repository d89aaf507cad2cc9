package demoapp;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An unmodified OkHttp app for mitigate mode: {@code <url> <requests> per-request|shared [async] [close]}. Prints
 * the responses it got, tallied, and its dispatcher threads alive at the end: what mitigation must not change,
 * and what it must keep flat.
 */
public final class PerRequestOkHttpApp {
    private static final OkHttpClient SHARED = new OkHttpClient();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        boolean perRequest = args[2].equals("per-request");
        boolean async = args.length > 3 && args[3].equals("async");
        boolean close = args.length > 4 && args[4].equals("close");
        Map<String, Integer> responses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            String got = fetch(url, perRequest ? newClient() : SHARED, async, close && perRequest);
            responses.merge(got, 1, Integer::sum);
        }
        System.out.println("responses " + responses);
        try {
            fetch("http://127.0.0.1:1/", perRequest ? newClient() : SHARED, false, false);
        } catch (IOException e) {
            System.out.println("refused " + e.getClass().getName());
        }
        System.out.println("client threads " + Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("OkHttp") && t.getName().contains("Dispatcher")).count());
        System.out.println("done");
        System.exit(0); // dispatcher threads are not daemons
    }

    static OkHttpClient newClient() {
        return new OkHttpClient.Builder().readTimeout(5, TimeUnit.SECONDS).build();
    }

    static String fetch(String url, OkHttpClient client, boolean async, boolean close) throws Exception {
        Request request = new Request.Builder().url(url).build();
        try {
            if (!async) {
                try (Response response = client.newCall(request).execute()) {
                    return response.code() + " " + response.body().string();
                }
            }
            CompletableFuture<String> result = new CompletableFuture<>();
            client.newCall(request).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    result.completeExceptionally(e);
                }

                @Override
                public void onResponse(Call call, Response response) throws IOException {
                    try (response) {
                        result.complete(response.code() + " " + response.body().string());
                    }
                }
            });
            return result.get(10, TimeUnit.SECONDS);
        } finally {
            if (close) {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        }
    }
}
