package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Bad: keep-alive refused, by the request ({@code request}: the app sends {@code Connection: close}) or by the
 * server (its responses carry it; the app sends nothing special). {@code <url> <calls> <request|response>}
 */
public final class ConnectionCloseOkHttp {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        boolean askClose = args[2].equals("request");
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()).build();
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            Request.Builder request = new Request.Builder().url(args[0]);
            if (askClose) {
                request.header("Connection", "close");
            }
            try (Response response = client.newCall(request.build()).execute()) {
                response.body().string();
            }
        }
        Corpus.done();
    }
}
