package demoapp;

import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** {@link Hc5ChurnApp} with Apache HttpClient 4.5: {@code <urlA> <urlB> <maxTotal>}. */
public final class Hc4ChurnApp {
    public static void main(String[] args) throws Exception {
        int maxTotal = Integer.parseInt(args[2]);
        try (CloseableHttpClient client = HttpClients.custom()
                .setMaxConnPerRoute(TwoDestinations.THREADS_PER_DESTINATION).setMaxConnTotal(maxTotal).build()) {
            TwoDestinations.run(args[0], args[1], url -> {
                try (CloseableHttpResponse response = client.execute(new HttpGet(url))) {
                    EntityUtils.consume(response.getEntity());
                }
            });
        }
        System.out.println("done");
    }
}
