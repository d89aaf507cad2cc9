package dev.portguard.it.httpclient5;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicHeader;

import java.util.concurrent.TimeUnit;

/** One GET as applications write it: the body read in full, so the connection can go back to the pool. */
final class Calls {
    private Calls() {
    }

    static int get(CloseableHttpClient client, String url) throws Exception {
        return client.execute(new HttpGet(url), response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    /** A GET whose request asks the server to close the connection afterwards. */
    static int getClosing(CloseableHttpClient client, String url) throws Exception {
        HttpGet get = new HttpGet(url);
        get.addHeader(new BasicHeader("Connection", "close"));
        return client.execute(get, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    static int get(CloseableHttpAsyncClient client, String url) throws Exception {
        SimpleHttpResponse response = client.execute(SimpleRequestBuilder.get(url).build(), null)
                .get(30, TimeUnit.SECONDS);
        return response.getCode();
    }
}
