package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/** Response entities left open, closed early or streamed to their end, on one shared client. {@code <url> <mode> <calls> <wait ms>} */
public final class StreamsHc5 {
    @SuppressWarnings("deprecation") // execute without a handler: the response is the program's to close, or not
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        CloseableHttpClient client = Corpus.hc5(HttpClients.custom()).build();
        Corpus.streams(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]),
                () -> client.execute(new HttpGet(args[0])).getEntity().getContent());
        Corpus.done();
    }
}
