package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;

/**
 * One shared Apache HttpClient 5 classic client whose pool allows every caller a connection; redirects and
 * retries (a 503 retried at once) are the server's doing. {@code <url> <threads> <calls>}
 */
public final class SharedHc5Classic {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        int threads = Integer.parseInt(args[1]);
        try (CloseableHttpClient client = Corpus.hc5(HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(threads).setMaxConnTotal(2 * threads).build())
                .setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS))).build()) {
            Corpus.parallel(threads, Integer.parseInt(args[2]),
                    i -> client.execute(new HttpGet(args[0]), response -> EntityUtils.toString(response.getEntity())));
        }
        Corpus.done();
    }
}
