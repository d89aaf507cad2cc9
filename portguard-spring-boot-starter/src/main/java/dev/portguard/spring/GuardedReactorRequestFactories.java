package dev.portguard.spring;

import dev.portguard.core.PortGuard;
import dev.portguard.reactor.ReactorNettyGuard;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;

/**
 * Guards the Reactor Netty clients under the request factories Spring Boot builds for {@code RestTemplate} and
 * {@code RestClient} when Reactor Netty is the imperative factory ({@code spring.http.clients.imperative.factory=
 * reactor}, or the only client library on the class path). Each factory's {@code HttpClient} goes to
 * {@link ReactorNettyGuard}, as WebClient's do ({@link GuardedReactorClients}): a client built per call from Boot's
 * builder shares Reactor's pool and stays quiet; one given a provider of its own per call is found.
 */
public class GuardedReactorRequestFactories
        implements ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder> {
    private final ReactorNettyGuard reactor;

    public GuardedReactorRequestFactories(PortGuard guard) {
        this.reactor = ReactorNettyGuard.using(guard);
    }

    @Override
    public ReactorClientHttpRequestFactoryBuilder customize(ReactorClientHttpRequestFactoryBuilder builder) {
        return builder.withHttpClientCustomizer(reactor::guard);
    }
}
