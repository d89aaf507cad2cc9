package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

/** Healthy: a client per worker thread (ThreadLocal) on a fixed pool. {@code <url> <threads> <calls>} */
public final class ThreadLocalClients {
    private static final ThreadLocal<OkHttpClient> CLIENT =
            ThreadLocal.withInitial(() -> Corpus.okhttp(new OkHttpClient.Builder()).build());

    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        Corpus.parallel(Integer.parseInt(args[1]), Integer.parseInt(args[2]), i -> Corpus.get(CLIENT.get(), args[0]));
        Corpus.done();
    }
}
