package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

/**
 * One shared OkHttp client with default settings; redirects, retries and long polls are the server's doing.
 * {@code <url> <threads> <calls>}
 */
public final class SharedOkHttp {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()).build();
        Corpus.parallel(Integer.parseInt(args[1]), Integer.parseInt(args[2]), i -> Corpus.get(client, args[0]));
        Corpus.done();
    }
}
