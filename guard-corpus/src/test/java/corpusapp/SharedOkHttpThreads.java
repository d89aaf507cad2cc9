package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Healthy: one shared OkHttp client, its pool sized to the callers, driven by platform or virtual threads against
 * several destinations. {@code <virtual|platform> <callers> <calls per caller> <url>...}
 */
public final class SharedOkHttpThreads {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        boolean virtual = args[0].equals("virtual");
        int callers = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        List<String> urls = List.of(args).subList(3, args.length);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(callers, 5, TimeUnit.MINUTES))).build();
        ExecutorService executor = virtual
                ? (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null)
                : Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        Corpus.get(client, urls.get((caller + i) % urls.size()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            executor.shutdown();
        }
        Corpus.done();
    }
}
