package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Bad: a shared HC5 client whose pool ({@code maxTotal}) is smaller than its callers' concurrency over two
 * destinations, so it closes one destination's idle connections to open the other's. {@code <maxTotal> <threads>
 * <calls> <url A> <url B>}
 */
public final class CappedPoolHc5 {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        int maxTotal = Integer.parseInt(args[0]);
        try (CloseableHttpClient client = Corpus.hc5(HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(maxTotal).setMaxConnTotal(maxTotal).build())).build()) {
            Corpus.parallel(Integer.parseInt(args[1]), Integer.parseInt(args[2]), i -> client.execute(
                    new HttpGet(args[3 + i % 2]), response -> EntityUtils.toString(response.getEntity())));
        }
        Corpus.done();
    }
}
