package corpuslib;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

/** A third-party library (its own jar) that builds a new OkHttp client for every lookup. */
public final class PriceLookup {
    private PriceLookup() {
    }

    public static String price(String url) throws Exception {
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()).build();
        return Corpus.get(client, url);
    }
}
