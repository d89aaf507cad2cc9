package dev.portguard.it.junit.examples;

import dev.portguard.reactor.ReactorNettyGuard;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;

/** "Production code" on Reactor Netty (what Spring's WebClient runs on), with the anti-pattern and its fix. */
public final class QuoteFeed {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private QuoteFeed() {
    }

    /** The bug: a ConnectionProvider, so a connection pool, per call. */
    public static String fetchWithNewProvider() {
        ConnectionProvider provider = ConnectionProvider.create("quotes", 4);
        try {
            return get(ReactorNettyGuard.instrument(HttpClient.create(provider)));
        } finally {
            provider.disposeLater().block(WAIT);
        }
    }

    /** The fix: one client, on one provider, for the application's life. */
    public static String fetchWithSharedClient() {
        return get(Shared.CLIENT);
    }

    private static String get(HttpClient client) {
        return client.get().uri(Http.SERVER.url()).responseContent().aggregate().asString().block(WAIT);
    }

    /** Built on first use, so the examples that never call it load no Reactor Netty. */
    private static final class Shared {
        static final HttpClient CLIENT =
                ReactorNettyGuard.instrument(HttpClient.create(ConnectionProvider.create("quotes-shared", 4)));
    }
}
