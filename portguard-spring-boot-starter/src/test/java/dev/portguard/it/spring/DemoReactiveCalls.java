package dev.portguard.it.spring;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;

/** The application's calls through WebClient on Reactor Netty, one healthy way and one wasteful way. */
@Component
public class DemoReactiveCalls {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebClient.Builder webClientBuilder;
    private final ReactorClientHttpConnectorBuilder connectorBuilder;

    public DemoReactiveCalls(WebClient.Builder webClientBuilder, ClientHttpConnectorBuilder<?> connectorBuilder) {
        this.webClientBuilder = webClientBuilder;
        this.connectorBuilder = (ReactorClientHttpConnectorBuilder) connectorBuilder;
    }

    /** Healthy: a WebClient per call from Spring's builder, every one on Spring's one connector and its pool. */
    public String withNewWebClient(String url) {
        return body(webClientBuilder.build(), url);
    }

    /** The mistake: a connector with its own ConnectionProvider per call, so a new pool and connection each time. */
    public String withNewConnectionProvider(String url) {
        ConnectionProvider provider = ConnectionProvider.create("per-call", 4);
        try {
            WebClient client = webClientBuilder.clone()
                    .clientConnector(connectorBuilder.withHttpClientFactory(() -> HttpClient.create(provider)).build())
                    .build();
            return body(client, url);
        } finally {
            provider.disposeLater().block(WAIT);
        }
    }

    private static String body(WebClient client, String url) {
        return client.get().uri(url).retrieve().bodyToMono(String.class).block(WAIT);
    }
}
