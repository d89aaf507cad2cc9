package dev.portguard.reactor;

import dev.portguard.core.GuardMode;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.Mitigation;
import dev.portguard.reactor.internal.ProviderHooks;
import dev.portguard.reactor.internal.ProviderIndex;
import dev.portguard.reactor.internal.ReactorKind;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.util.Objects;

/**
 * Feeds a Reactor Netty {@link HttpClient}'s requests and connections (HTTP/1.1, h2, h2c) to a {@link PortGuard},
 * through Reactor Netty's own hooks ({@code doOnChannelInit} and a connection observer).
 *
 * <pre>{@code
 * HttpClient client = ReactorNettyGuard.instrument(HttpClient.create(provider));
 * WebClient web = WebClient.builder()
 *     .clientConnector(new ReactorClientHttpConnector(client))
 *     .build();
 * }</pre>
 *
 * <p>A client's identity is its {@link ConnectionProvider}: every client built on one provider (the global one
 * behind {@code HttpClient.create()}, or one the application built) shares one pool and the guard's counts for it,
 * however often it is instrumented. A provider built per request is {@code NEW_CLIENT_PER_REQUEST} at the line that
 * instrumented it; {@code ConnectionProvider.newConnection()} (no pool) opens a connection per request, and each
 * client guarded on it is a pool of its own, at the line that guarded it. Over HTTP/2 a request is a stream and a
 * connection carries many at once. The user's own observers and channel hooks keep working. Works with Reactor
 * Netty 1.2 and 1.3.
 *
 * <p>In protect mode a new connection toward a destination whose port headroom is critical is refused: the request
 * fails with {@link dev.portguard.core.PortBudgetExceededException} (a {@code ConnectException}) while requests on
 * pooled connections go on. In strict mode the request that makes a finding fails with
 * {@link dev.portguard.core.PoolMisuseException}. Mitigate mode cannot move a client to a shared provider, so a site
 * it would share is left as built, and the report says why.
 */
public final class ReactorNettyGuard {
    /** Shared by every instance: a provider is one guard pool per guard, however often it is instrumented. */
    private static final ProviderIndex PROVIDERS = new ProviderIndex();

    /** Why mitigate mode leaves Reactor Netty's clients as built. */
    private static final String CANNOT_SHARE = "a Reactor Netty HttpClient keeps the ConnectionProvider it was"
            + " created with, and another cannot be given to it without dropping its settings: share one provider"
            + " in code";

    private final PortGuard guard;

    private ReactorNettyGuard(PortGuard guard) {
        this.guard = guard;
    }

    /** Instrumentation that reports to {@code guard} rather than to {@link PortGuard#global()}. */
    public static ReactorNettyGuard using(PortGuard guard) {
        return new ReactorNettyGuard(Objects.requireNonNull(guard, "guard"));
    }

    /** Instruments {@code client} for the global guard; see {@link #guard(HttpClient)}. */
    public static HttpClient instrument(HttpClient client) {
        return using(PortGuard.global()).guard(client);
    }

    /**
     * A client like {@code client} whose requests and connections the guard counts. The first time a provider is
     * seen, the code calling this is recorded as its creation site, so call it where the client (or its provider)
     * is built. Instrumenting a client again returns it unchanged, and so does a guard whose mode is {@code off}.
     * Configure the protocol and the rest before or after: both work.
     */
    public HttpClient guard(HttpClient client) {
        Objects.requireNonNull(client, "client");
        if (guard.config().mode() == GuardMode.OFF) {
            return client; // off: the client as the application built it
        }
        if (ProviderHooks.guarded(client, guard)) {
            return client;
        }
        ConnectionProvider provider = client.configuration().connectionProvider();
        Mitigation mitigation = guard.integration().mitigation();
        if (mitigation.active() && !PROVIDERS.counts(guard, provider)) {
            // asked before this client's pool is counted, as mitigate=all counts the clients built before it
            String site = mitigation.siteOfCaller();
            if (mitigation.shares(site)) {
                mitigation.leftAlone(site, ReactorKind.KIND, CANNOT_SHARE);
            }
        }
        return PROVIDERS.hooks(guard, provider).install(client);
    }

    /** The guard this instrumentation reports to. */
    public PortGuard portGuard() {
        return guard;
    }
}
