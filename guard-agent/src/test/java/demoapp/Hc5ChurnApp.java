package demoapp;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * An unmodified Apache HttpClient 5 app whose one shared client serves eight threads over two destinations, with a
 * pool of 4 per route and {@code maxTotal} in all: {@code <urlA> <urlB> <maxTotal>}.
 */
public final class Hc5ChurnApp {
    public static void main(String[] args) throws Exception {
        int maxTotal = Integer.parseInt(args[2]);
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(TwoDestinations.THREADS_PER_DESTINATION).setMaxConnTotal(maxTotal)
                        .build())
                .build()) {
            TwoDestinations.run(args[0], args[1], url -> client.execute(new HttpGet(url),
                    response -> EntityUtils.toString(response.getEntity())));
        }
        System.out.println("done");
    }
}
