package corpusapp;

import dev.portguard.corpus.Corpus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Response bodies (input streams) left unread, closed early or streamed to their end, on one shared client. {@code <url> <mode> <calls> <wait ms>} */
public final class StreamsJdk {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).build();
        Corpus.streams(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]),
                () -> client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body());
        Corpus.done();
    }
}
