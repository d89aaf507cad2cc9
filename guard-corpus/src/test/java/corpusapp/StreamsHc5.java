package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;

import java.io.FilterInputStream;
import java.io.IOException;

/** Response entities left open, closed early or streamed to their end, on one shared client. {@code <url> <mode> <calls> <wait ms>} */
public final class StreamsHc5 {
    @SuppressWarnings("deprecation") // execute without a handler: the response is the program's to close, or not
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        CloseableHttpClient client = Corpus.hc5(HttpClients.custom()).build();
        Corpus.streams(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]),
                () -> {
                    CloseableHttpResponse response = client.execute(new HttpGet(args[0]));
                    // closing the response: HttpClient 5 reads the rest to keep the connection, a stream in progress
                    return new FilterInputStream(response.getEntity().getContent()) {
                        @Override
                        public void close() throws IOException {
                            response.close();
                        }
                    };
                });
        Corpus.done();
    }
}
