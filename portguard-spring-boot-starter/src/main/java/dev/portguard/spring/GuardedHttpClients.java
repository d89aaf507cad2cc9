package dev.portguard.spring;

import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;

/**
 * Guards the Apache HttpClient 5 clients Spring Boot builds for the application. {@code RestTemplateBuilder} and
 * {@code RestClient.Builder} both get their request factory from the auto-configured
 * {@code ClientHttpRequestFactoryBuilder}; this customizer has that builder hand each new client's connection manager
 * to {@link HttpClient5Guard}, which counts it. The pool's site is the application's line that asked Spring for the
 * client ({@code restTemplateBuilder.build()}, say), since Spring's own frames are library code to the guard.
 */
public class GuardedHttpClients
        implements ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> {
    private final PortGuard guard;

    public GuardedHttpClients(PortGuard guard) {
        this.guard = guard;
    }

    @Override
    public HttpComponentsClientHttpRequestFactoryBuilder customize(
            HttpComponentsClientHttpRequestFactoryBuilder builder) {
        // Spring sets its pooling manager on the HttpClientBuilder before it calls this: the guard wraps that one.
        return builder.withHttpClientCustomizer(client -> HttpClient5Guard.instrument(client, guard));
    }
}
