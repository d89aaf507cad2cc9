package demoapp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Slow downloads for the leak apps: several at once, each read as its bytes come until the server ends it. */
final class Downloads {
    private Downloads() {
    }

    static void inParallel(int count, Callable<Long> download) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Long>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                running.add(pool.submit(download));
            }
            for (Future<Long> f : running) {
                if (f.get() <= 0) {
                    throw new IOException("empty download");
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
        }
        return total;
    }
}
