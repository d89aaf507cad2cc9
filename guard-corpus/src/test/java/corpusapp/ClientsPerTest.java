package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

/**
 * Healthy: a test suite whose every test builds its own client in set-up and makes a handful of calls with it.
 * {@code <url> <tests> <calls per test>}
 */
public final class ClientsPerTest {
    private OkHttpClient client;

    void setUp() {
        client = Corpus.okhttp(new OkHttpClient.Builder()).build();
    }

    void test(String url, int calls) throws Exception {
        for (int i = 0; i < calls; i++) {
            Corpus.get(client, url);
        }
    }

    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        for (int t = 0; t < Integer.parseInt(args[1]); t++) {
            ClientsPerTest test = new ClientsPerTest();
            test.setUp();
            test.test(args[0], Integer.parseInt(args[2]));
        }
        Corpus.done();
    }
}
