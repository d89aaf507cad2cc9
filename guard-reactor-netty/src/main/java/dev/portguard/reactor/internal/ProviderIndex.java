package dev.portguard.reactor.internal;

import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.PoolSettings;
import reactor.netty.resources.ConnectionProvider;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The hooks of each connection provider, by identity: every client built on one provider is one pool, and gets the
 * same hook objects, which matters beyond counting (Reactor keys its pools by a hash of the client's observers and
 * channel hooks, so new hook objects per client would split the provider's pool and defeat its reuse). Providers
 * are held weakly; a dropped one leaves nothing here. The provider without a pool
 * ({@code ConnectionProvider.newConnection()}, one for the whole process) is no client's identity: each client
 * guarded on it is a pool of its own, at its own site, and is not kept here. Touched when a client is instrumented,
 * never per request.
 */
public final class ProviderIndex {
    private final Map<ConnectionProvider, ProviderHooks> hooks = new WeakHashMap<>();

    /** The hooks counting {@code provider}'s traffic for {@code guard}; a new pool, at the caller's site, if none. */
    public synchronized ProviderHooks hooks(PortGuard guard, ConnectionProvider provider) {
        if (provider.mutate() == null) {
            return new ProviderHooks(guard, guard.integration().newPool(ReactorKind.KIND, settingsOf(provider)));
        }
        ProviderHooks h = hooks.get(provider);
        if (h == null || h.guard() != guard) {
            h = new ProviderHooks(guard, guard.integration().newPool(ReactorKind.KIND, settingsOf(provider)));
            hooks.put(provider, h);
        }
        return h;
    }

    /** Whether {@code provider} has a pool counted for {@code guard} already: a client built on it is no new one. */
    public synchronized boolean counts(PortGuard guard, ConnectionProvider provider) {
        ProviderHooks h = hooks.get(provider);
        return h != null && h.guard() == guard;
    }

    /**
     * What a provider keeps: its pool per remote address holds up to {@code maxConnections}, all of them kept idle
     * until their idle time passes. The provider without a pool says nothing ({@code mutate()} is null).
     */
    static PoolSettings settingsOf(ConnectionProvider provider) {
        if (provider.mutate() == null) {
            return PoolSettings.UNKNOWN_SETTINGS;
        }
        int max = provider.maxConnections();
        return max > 0 ? new PoolSettings(max, max, max, null) : PoolSettings.UNKNOWN_SETTINGS;
    }
}
