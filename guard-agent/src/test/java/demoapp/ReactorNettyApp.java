package demoapp;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import reactor.core.publisher.Flux;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * An unmodified Reactor Netty app: {@code <url> <requests> new-connection|provider-per-request|create-per-request|
 * shared|h2c-shared|h2c-provider-per-request|idle-closed}. new-connection uses {@code HttpClient.newConnection()} (no pool);
 * provider-per-request builds a {@code ConnectionProvider} and an {@code HttpClient} on it for every request and
 * disposes it after (waiting for it to close its connection); create-per-request calls {@code HttpClient.create()} for every request (the global provider:
 * healthy); shared sends 8 requests at a time through one client. The h2c variants speak HTTP/2 with prior
 * knowledge: h2c-shared sends one request, then the rest 100 at a time, over one client whose provider keeps one
 * connection; h2c-provider-per-request is provider-per-request over HTTP/2. h2-shared is h2c-shared over TLS
 * (trusting the test server's self-signed certificate). idle-closed sends through one provider, waiting after each
 * request until the server closed the idle connection and the client read its end of stream.
 */
public final class ReactorNettyApp {
    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        if (variant.equals("shared")) {
            HttpClient client = HttpClient.create();
            Flux.range(0, requests)
                    .flatMap(i -> client.get().uri(url).responseContent().aggregate().asString(), 8)
                    .blockLast();
        } else if (variant.equals("h2c-shared") || variant.equals("h2-shared")) {
            ConnectionProvider provider = ConnectionProvider.builder("h2").allocationStrategy(
                    Http2AllocationStrategy.builder().maxConnections(1).maxConcurrentStreams(1000).build()).build();
            HttpClient client = variant.equals("h2c-shared")
                    ? HttpClient.create(provider).protocol(HttpProtocol.H2C)
                    : HttpClient.create(provider).protocol(HttpProtocol.H2).secure(spec -> spec.sslContext(
                            Http2SslContextSpec.forClient().configure(
                                    b -> b.trustManager(InsecureTrustManagerFactory.INSTANCE))));
            get(client, url); // the connection, before the crowd
            Flux.range(1, requests - 1)
                    .flatMap(i -> client.get().uri(url).responseContent().aggregate().asString(), 100)
                    .blockLast();
            provider.dispose();
        } else if (variant.equals("idle-closed")) {
            ConnectionProvider provider = ConnectionProvider.create("idle-closed", 1);
            HttpClient client = HttpClient.create(provider);
            for (int i = 0; i < requests; i++) {
                get(client, url);
                ClientAppRuns.awaitServerClosed(url, true);
            }
            provider.disposeLater().block();
        } else {
            for (int i = 0; i < requests; i++) {
                fetch(url, variant);
            }
        }
        System.out.println("done");
    }

    static void fetch(String url, String variant) {
        switch (variant) {
            case "new-connection" -> get(HttpClient.newConnection(), url);
            case "provider-per-request", "h2c-provider-per-request" -> {
                ConnectionProvider provider = ConnectionProvider.create("per-request", 4);
                try {
                    HttpClient client = HttpClient.create(provider);
                    get(variant.startsWith("h2c") ? client.protocol(HttpProtocol.H2C) : client, url);
                } finally {
                    provider.disposeLater().block(); // its connection closed before the next request
                }
            }
            case "create-per-request" -> get(HttpClient.create(), url);
            default -> throw new IllegalArgumentException(variant);
        }
    }

    private static void get(HttpClient client, String url) {
        String body = client.get().uri(url).responseContent().aggregate().asString().block();
        if (body == null) {
            throw new IllegalStateException("no body");
        }
    }
}
