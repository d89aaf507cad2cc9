package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** Bad: a new Apache HttpClient 4.5 client for every request, closed after it. {@code <url> <calls>} */
public final class NewClientHc4 {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            fetch(args[0]);
        }
        Corpus.done();
    }

    static String fetch(String url) throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            return client.execute(new HttpGet(url), response -> EntityUtils.toString(response.getEntity()));
        }
    }
}
