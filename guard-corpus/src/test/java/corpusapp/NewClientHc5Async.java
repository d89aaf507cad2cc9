package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;

/** Bad: a new Apache HttpClient 5 async client for every request, closed after it. {@code <url> <calls>} */
public final class NewClientHc5Async {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            fetch(args[0]);
        }
        Corpus.done();
    }

    static void fetch(String url) throws Exception {
        try (CloseableHttpAsyncClient client = Corpus.hc5(HttpAsyncClients.custom()).build()) {
            client.start();
            SimpleHttpRequest request = SimpleRequestBuilder.get(url).build();
            client.execute(request, null).get();
        }
    }
}
