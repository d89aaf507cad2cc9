package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

import java.time.Duration;

/** Healthy: per-call settings through {@code newBuilder()}, which shares the base client's pool. {@code <url> <threads> <calls>} */
public final class NewBuilderPerRequest {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        OkHttpClient base = Corpus.okhttp(new OkHttpClient.Builder()).build();
        Corpus.parallel(Integer.parseInt(args[1]), Integer.parseInt(args[2]), i -> {
            OkHttpClient perCall = base.newBuilder().readTimeout(Duration.ofSeconds(1 + i % 5)).build();
            Corpus.get(perCall, args[0]);
        });
        Corpus.done();
    }
}
