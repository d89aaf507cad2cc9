package corpusapp;

import dev.portguard.corpus.Corpus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One shared java.net.http.HttpClient (HTTP/1.1, redirects followed). {@code <url> <threads> <calls>} */
public final class SharedJdkClient {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).build();
        Corpus.parallel(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                i -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        Corpus.done();
    }
}
