package dev.portguard.reactor.internal;

import dev.portguard.core.FindingType;
import dev.portguard.core.spi.ClientKind;

import java.util.Map;

/** Reactor Netty's {@code HttpClient} as a client kind, with each fix in its own API. */
public final class ReactorKind {
    public static final ClientKind KIND = ClientKind.of("reactor-netty", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Create one ConnectionProvider (or one HttpClient, or WebClient, built on it) when the application"
                    + " starts and share it; each provider keeps its own pools, so one built per request connects"
                    + " every time. HttpClient.create() and WebClient.create() without a provider share Reactor's"
                    + " global provider.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Use a pooled ConnectionProvider (HttpClient.create(), or ConnectionProvider.builder(..).build())"
                    + " instead of HttpClient.newConnection() or ConnectionProvider.newConnection(), and consume or"
                    + " release every response body so its connection returns to the pool.",
            FindingType.CONNECTION_LEAK,
            "Consume or release every response body: read it to its end, or release it (WebClient: bodyToMono or"
                    + " releaseBody() in exchangeToMono; HttpClient: responseContent() or response(), and with"
                    + " responseConnection(..) dispose the connection or read its body), so its connection returns to"
                    + " the pool.",
            FindingType.POOL_CHURN,
            "Let the ConnectionProvider keep connections for the caller's concurrency: raise maxConnections to at"
                    + " least the requests in flight at once, and make maxIdleTime longer than the gap between"
                    + " requests (ConnectionProvider.builder(name).maxConnections(..).maxIdleTime(..))."));

    private ReactorKind() {
    }
}
