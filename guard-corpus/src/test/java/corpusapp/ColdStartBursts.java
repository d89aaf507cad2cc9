package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.util.concurrent.TimeUnit;

/**
 * Healthy: a service starts cold and is hit at once by a burst of callers (the pool opens one connection each),
 * then serves steady traffic from the same callers. {@code <url> <callers> <steady calls>}
 */
public final class ColdStartBursts {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        int callers = Integer.parseInt(args[1]);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(callers, 5, TimeUnit.MINUTES))).build();
        Corpus.parallel(callers, callers, i -> Corpus.get(client, args[0]));
        Corpus.parallel(callers, Integer.parseInt(args[2]), i -> Corpus.get(client, args[0]));
        Corpus.done();
    }
}
