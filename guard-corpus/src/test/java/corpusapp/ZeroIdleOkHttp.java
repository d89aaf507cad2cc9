package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.util.concurrent.TimeUnit;

/** Bad: a shared OkHttp client whose pool keeps no idle connection. {@code <url> <calls>} */
public final class ZeroIdleOkHttp {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))).build();
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            Corpus.get(client, args[0]);
        }
        Corpus.done();
    }
}
