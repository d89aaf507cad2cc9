package corpusapp;

import dev.portguard.corpus.Corpus;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Bad: keep-alive refused by the request or by the server, on a shared HC5 client. {@code <url> <calls> <request|response>} */
public final class ConnectionCloseHc5 {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        boolean askClose = args[2].equals("request");
        try (CloseableHttpClient client = Corpus.hc5(HttpClients.custom()).build()) {
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                HttpGet get = new HttpGet(args[0]);
                if (askClose) {
                    get.setHeader("Connection", "close");
                }
                client.execute(get, response -> EntityUtils.toString(response.getEntity()));
            }
        }
        Corpus.done();
    }
}
