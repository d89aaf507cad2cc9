package corpusapp;

import dev.portguard.corpus.Corpus;

import java.net.URL;

/** HttpURLConnection response streams left unread, closed early or read to their end. {@code <url> <mode> <calls> <wait ms>} */
public final class StreamsUrlConnection {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        URL url = new URL(args[0]);
        Corpus.streams(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]),
                () -> url.openConnection().getInputStream());
        Corpus.done();
    }
}
