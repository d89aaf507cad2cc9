package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** Healthy: one shared Apache HttpClient 4.5 client, its pool allowing every caller. {@code <url> <threads> <calls>} */
public final class SharedHc4 {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        int threads = Integer.parseInt(args[1]);
        try (CloseableHttpClient client = HttpClients.custom().setMaxConnPerRoute(threads)
                .setMaxConnTotal(2 * threads).build()) {
            Corpus.parallel(threads, Integer.parseInt(args[2]),
                    i -> client.execute(new HttpGet(args[0]), response -> EntityUtils.toString(response.getEntity())));
        }
        Corpus.done();
    }
}
