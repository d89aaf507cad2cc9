package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

import java.util.List;

/** Healthy: HTTP/2 (h2c, prior knowledge): concurrent calls multiplexed on one connection. {@code <url> <threads> <calls>} */
public final class Http2OkHttp {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()
                .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))).build();
        Corpus.parallel(Integer.parseInt(args[1]), Integer.parseInt(args[2]), i -> Corpus.get(client, args[0]));
        Corpus.done();
    }
}
