package demoapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the client test apps share: the command line {@code <url> <requests> <variant>}, the variant named there
 * run once, and {@code done} printed when it returned; plus the ways they send (one after another, from threads).
 */
final class ClientAppRuns {
    /** One way an app sends {@code requests} requests to {@code url}. */
    interface Variant {
        void run(String url, int requests) throws Exception;
    }

    interface Call {
        void run() throws Exception;
    }

    private ClientAppRuns() {
    }

    static void main(String[] args, Map<String, Variant> variants) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        Variant variant = variants.get(args[2]);
        if (variant == null) {
            throw new IllegalArgumentException(args[2] + " is none of " + variants.keySet());
        }
        variant.run(url, requests);
        System.out.println("done");
    }

    static void repeat(int times, Call call) throws Exception {
        for (int i = 0; i < times; i++) {
            call.run();
        }
    }

    /** {@code requests} calls shared among {@code count} threads, each taking the next until none is left. */
    static void onThreads(int count, int requests, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            AtomicInteger left = new AtomicInteger(requests);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < count; t++) {
                done.add(threads.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        call.run();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    /** Waits until {@code condition} holds; bounded, generously, so a loaded machine only makes it slower. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting: " + what);
            }
            Thread.sleep(10);
        }
    }
}
