package corpusapp;

import dev.portguard.corpus.Corpus;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * HttpURLConnection, body read and closed, on the JVM's keep-alive cache ({@code -Dhttp.maxConnections},
 * {@code -Dhttp.keepAlive} set by the table). {@code <url> <threads> <calls>}
 */
public final class UrlConnectionCalls {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        URL url = new URL(args[0]);
        Corpus.parallel(Integer.parseInt(args[1]), Integer.parseInt(args[2]), i -> fetch(url));
        Corpus.done();
    }

    static void fetch(URL url) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes();
        }
    }
}
