package demoapp;

import org.apache.http.client.methods.HttpGet;
import org.apache.http.config.SocketConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import javax.net.ssl.SSLContext;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Apache HttpClient 4.5 app that builds a client per request whose builder sets its own TLS or socket settings:
 * {@code <url> <requests> tls|socket}. Each client is closed after its request. Prints the responses it got.
 */
public final class OwnSettingsHc4App {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        boolean tls = args[2].equals("tls");
        Map<String, Integer> responses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            try (CloseableHttpClient client = newClient(tls)) {
                responses.merge(client.execute(new HttpGet(url), response -> response.getStatusLine().getStatusCode()
                        + " " + EntityUtils.toString(response.getEntity())), 1, Integer::sum);
            }
        }
        System.out.println("responses " + responses);
        System.out.println("done");
    }

    static CloseableHttpClient newClient(boolean tls) throws Exception {
        return tls
                ? HttpClients.custom().setSSLContext(SSLContext.getDefault()).build()
                : HttpClients.custom().setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(5_000).build())
                        .build();
    }
}
