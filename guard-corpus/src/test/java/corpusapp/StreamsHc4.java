package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

import java.io.FilterInputStream;
import java.io.IOException;

/** Response entities left open, closed early or streamed to their end, on one shared client. {@code <url> <mode> <calls> <wait ms>} */
public final class StreamsHc4 {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        CloseableHttpClient client = HttpClients.custom().setMaxConnPerRoute(10).setMaxConnTotal(20).build();
        Corpus.streams(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]),
                () -> {
                    CloseableHttpResponse response = client.execute(new HttpGet(args[0]));
                    // closing the response gives its connection up; closing only the stream would read it to its end
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
