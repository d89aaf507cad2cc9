package dev.portguard.spring;

import dev.portguard.core.PortGuard;
import dev.portguard.reactor.ReactorNettyGuard;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * Guards the Reactor Netty clients Spring Boot builds for the application's {@code WebClient}s. The auto-configured
 * {@code WebClient.Builder} gets its connector from the auto-configured {@code ClientHttpConnectorBuilder}, and so
 * does every connector the application builds from that builder bean; this customizer has it hand each new
 * {@code HttpClient} to {@link ReactorNettyGuard}. A client's pool is its {@code ConnectionProvider}: Spring's shared
 * one (Reactor's global resources, unless configured otherwise) is one quiet pool however many {@code WebClient}s
 * are built on it; a provider built per call is a new pool per call, at the application's line that asked for it.
 */
public class GuardedReactorClients
        implements ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> {
    private final ReactorNettyGuard reactor;

    public GuardedReactorClients(PortGuard guard) {
        this.reactor = ReactorNettyGuard.using(guard);
    }

    @Override
    public ReactorClientHttpConnectorBuilder customize(ReactorClientHttpConnectorBuilder builder) {
        // A customizer runs on the client the builder's factory made, whichever factory the application set.
        return builder.withHttpClientCustomizer(reactor::guard);
    }
}
