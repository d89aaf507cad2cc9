package dev.portguard.it.junit.examples;

import dev.portguard.okhttp.OkHttpGuard;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** "Production code" under test, with the anti-patterns and their fixes. */
public final class PriceService {
    private static final OkHttpClient SHARED = OkHttpGuard.instrument(new OkHttpClient.Builder()).build();

    private PriceService() {
    }

    /** The bug: a client per call. */
    public static void fetchWithNewClient() throws IOException {
        OkHttpClient client = OkHttpGuard.instrument(new OkHttpClient.Builder()).build();
        Http.get(client);
    }

    /** The fix. */
    public static void fetchWithSharedClient() throws IOException {
        Http.get(SHARED);
    }

    /** A client that keeps nothing idle. */
    public static OkHttpClient noIdleClient() {
        return OkHttpGuard.instrument(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))).build();
    }
}
