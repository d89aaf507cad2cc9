package demoapp;

import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * An unmodified Reactor Netty app: {@code <url> <requests> new-connection|provider-per-request|create-per-request|
 * shared}. new-connection uses {@code HttpClient.newConnection()} (no pool); provider-per-request builds a
 * {@code ConnectionProvider} and an {@code HttpClient} on it for every request and disposes it after;
 * create-per-request calls {@code HttpClient.create()} for every request (the global provider: healthy); shared
 * sends 8 requests at a time through one client.
 */
public final class ReactorNettyApp {
    public static void main(String[] args) {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        if (variant.equals("shared")) {
            HttpClient client = HttpClient.create();
            Flux.range(0, requests)
                    .flatMap(i -> client.get().uri(url).responseContent().aggregate().asString(), 8)
                    .blockLast();
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
            case "provider-per-request" -> {
                ConnectionProvider provider = ConnectionProvider.create("per-request", 4);
                try {
                    get(HttpClient.create(provider), url);
                } finally {
                    provider.dispose();
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
