package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

/** Healthy: one shared client calls many distinct hosts once each (a crawler, a webhook fan-out). {@code <url>...} */
public final class ManyHosts {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()).build();
        Corpus.parallel(4, args.length, i -> Corpus.get(client, args[i]));
        Corpus.done();
    }
}
