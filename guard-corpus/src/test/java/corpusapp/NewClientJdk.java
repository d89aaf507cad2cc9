package corpusapp;

import dev.portguard.corpus.Corpus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Bad: a new java.net.http.HttpClient for every request. {@code <url> <calls>} */
public final class NewClientJdk {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            fetch(args[0]);
        }
        Corpus.done();
    }

    static String fetch(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
