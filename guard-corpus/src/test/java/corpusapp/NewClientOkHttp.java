package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

/** Bad: a new OkHttp client (and connection pool) for every request. {@code <url> <calls>} */
public final class NewClientOkHttp {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            fetch(args[0]);
        }
        Corpus.done();
    }

    static String fetch(String url) throws Exception {
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()).build();
        return Corpus.get(client, url);
    }
}
