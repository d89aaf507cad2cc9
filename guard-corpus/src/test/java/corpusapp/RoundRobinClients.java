package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

/**
 * Healthy: a dozen long-lived clients per destination, built in a start-up loop and used in turn.
 * {@code <clients> <threads> <calls per destination> <url>...}
 */
public final class RoundRobinClients {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        int clientCount = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        for (int d = 3; d < args.length; d++) {
            String url = args[d];
            OkHttpClient[] clients = new OkHttpClient[clientCount];
            for (int c = 0; c < clientCount; c++) {
                clients[c] = Corpus.okhttp(new OkHttpClient.Builder()).build();
            }
            Corpus.parallel(threads, calls, i -> Corpus.get(clients[i % clientCount], url));
        }
        Corpus.done();
    }
}
