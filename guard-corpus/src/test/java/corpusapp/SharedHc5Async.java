package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/** Healthy: one shared HC5 async client, {@code window} requests in flight at a time. {@code <url> <window> <calls>} */
public final class SharedHc5Async {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        int window = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        try (CloseableHttpAsyncClient client = Corpus.hc5(HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(window).build())).build()) {
            client.start();
            for (int done = 0; done < calls; done += window) {
                List<Future<SimpleHttpResponse>> inFlight = new ArrayList<>();
                for (int i = 0; i < window && done + i < calls; i++) {
                    inFlight.add(client.execute(SimpleRequestBuilder.get(args[0]).build(), null));
                }
                for (Future<SimpleHttpResponse> f : inFlight) {
                    f.get();
                }
            }
        }
        Corpus.done();
    }
}
