package demoapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Four callers per destination, two destinations, 150 rounds started together: both want the pool at once. */
final class TwoDestinations {
    static final int THREADS_PER_DESTINATION = 4;
    static final int ROUNDS = 150;

    interface Call {
        void get(String url) throws Exception;
    }

    private TwoDestinations() {
    }

    static void run(String urlA, String urlB, Call call) throws Exception {
        int threads = 2 * THREADS_PER_DESTINATION;
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String url = t % 2 == 0 ? urlA : urlB;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        together.await();
                        call.get(url);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
