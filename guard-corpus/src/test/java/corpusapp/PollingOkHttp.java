package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

/** One shared OkHttp client polling a server at a fixed interval. {@code <url> <polls> <interval millis>} */
public final class PollingOkHttp {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()).build();
        int polls = Integer.parseInt(args[1]);
        long interval = Long.parseLong(args[2]);
        for (int i = 0; i < polls; i++) {
            if (i > 0) {
                Thread.sleep(interval);
            }
            Corpus.get(client, args[0]);
        }
        Corpus.done();
    }
}
