package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.util.concurrent.TimeUnit;

/**
 * Bursts of concurrent calls on one shared OkHttp client with a pause between them; the pool keeps
 * {@code maxIdle} idle connections (OkHttp's default is 5). {@code <url> <maxIdle> <burst size> <bursts> <pause millis>}
 */
public final class BurstsOkHttp {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        int maxIdle = Integer.parseInt(args[1]);
        int burst = Integer.parseInt(args[2]);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(maxIdle, 5, TimeUnit.MINUTES))).build();
        for (int b = 0; b < Integer.parseInt(args[3]); b++) {
            Corpus.parallel(burst, burst, i -> Corpus.get(client, args[0]));
            Thread.sleep(Long.parseLong(args[4]));
        }
        Corpus.done();
    }
}
