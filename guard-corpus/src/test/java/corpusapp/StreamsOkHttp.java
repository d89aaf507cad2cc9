package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/** Response bodies left open, closed early or streamed to their end, on one shared client. {@code <url> <mode> <calls> <wait ms>} */
public final class StreamsOkHttp {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()).build();
        Request request = new Request.Builder().url(args[0]).build();
        Corpus.streams(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]),
                () -> client.newCall(request).execute().body().byteStream());
        Corpus.done();
    }
}
