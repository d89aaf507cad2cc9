package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Bad: a new Apache HttpClient 5 classic client for every request, closed after it. {@code <url> <calls>} */
public final class NewClientHc5 {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            fetch(args[0]);
        }
        Corpus.done();
    }

    static String fetch(String url) throws Exception {
        try (CloseableHttpClient client = Corpus.hc5(HttpClients.custom()).build()) {
            return client.execute(new HttpGet(url), response -> EntityUtils.toString(response.getEntity()));
        }
    }
}
