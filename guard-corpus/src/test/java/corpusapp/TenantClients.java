package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Healthy: one OkHttp client per tenant, built once on first use and reused. {@code <url> <tenants> <threads> <calls>} */
public final class TenantClients {
    private static final ConcurrentHashMap<Integer, OkHttpClient> CLIENTS = new ConcurrentHashMap<>();

    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        String url = args[0];
        int tenants = Integer.parseInt(args[1]);
        Corpus.parallel(Integer.parseInt(args[2]), Integer.parseInt(args[3]), i -> {
            int tenant = ThreadLocalRandom.current().nextInt(tenants);
            OkHttpClient client = CLIENTS.computeIfAbsent(tenant,
                    t -> Corpus.okhttp(new OkHttpClient.Builder()).build());
            Corpus.get(client, url);
        });
        Corpus.done();
    }
}
