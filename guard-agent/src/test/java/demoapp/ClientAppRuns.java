package demoapp;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Waits until the server of {@code url} closed every connection this machine has to it: none is established
     * any more (the kernel has the server's end of stream). With {@code noticed}, also until the client closed its
     * end of each (none is left half-closed), as an event-driven client does as soon as it reads the end of stream.
     * Read from the kernel's socket table, so the client under test is not asked.
     */
    static void awaitServerClosed(String url, boolean noticed) throws InterruptedException {
        String port = String.format(":%04X ", URI.create(url).getPort());
        await("the server closing its idle connections", () -> {
            for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
                try {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] f = line.trim().split("\\s+");
                        // sl local_address rem_address st: established 01, half-closed by the peer 08
                        if (f.length > 3 && (f[2] + " ").endsWith(port)
                                && (f[3].equals("01") || (noticed && f[3].equals("08")))) {
                            return false;
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return true;
        });
    }
}
