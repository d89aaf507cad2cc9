package demoapp;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An unmodified Jetty 12 client app: {@code <url> <requests> per-request|shared}. per-request builds, starts and
 * stops an {@code HttpClient} for every request; shared sends from 8 threads at once through one started client.
 */
public final class JettyApp {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        switch (variant) {
            case "per-request" -> {
                for (int i = 0; i < requests; i++) {
                    fetch(url);
                }
            }
            case "shared" -> shared(url, requests);
            default -> throw new IllegalArgumentException(variant);
        }
        System.out.println("done");
    }

    static void fetch(String url) throws Exception {
        HttpClient client = new HttpClient();
        client.start();
        try {
            check(client.GET(url));
        } finally {
            client.stop();
        }
    }

    private static void shared(String url, int requests) throws Exception {
        HttpClient client = new HttpClient();
        client.start();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            AtomicInteger left = new AtomicInteger(requests);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        check(client.GET(url));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
            client.stop();
        }
    }

    private static void check(ContentResponse response) {
        if (response.getStatus() != 200) {
            throw new IllegalStateException("status " + response.getStatus());
        }
    }
}
