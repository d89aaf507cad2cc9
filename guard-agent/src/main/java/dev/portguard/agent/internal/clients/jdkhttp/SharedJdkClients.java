package dev.portguard.agent.internal.clients.jdkhttp;

import dev.portguard.agent.internal.clients.BuilderConfiguration;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.Mitigation;
import dev.portguard.core.spi.PoolSettings;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Mitigate mode for {@code java.net.http.HttpClient}: a site that builds a client per request is served, per
 * distinct configuration, by one client built once from an identical builder. The configuration is everything the
 * builder holds (executor, TLS context and parameters, proxy, version, connect timeout, redirects, authenticator,
 * cookie handler, priority, local address), read from the builder's fields so that no setting is missed; values
 * compare by equality where they are values (durations, versions, addresses) and by identity otherwise, so a
 * client given its own executor, cookie jar or TLS context never shares another's. Bounded: a few configurations
 * per site (a site making a new executor or cookie jar per client cannot share; it is left alone and reported),
 * and a fixed number overall.
 */
final class SharedJdkClients {
    private static final int CONFIGURATIONS_PER_SITE = 8;
    private static final int CONFIGURATIONS = 256;
    private static final Predicate<Object> VALUES = new JdkValues();

    private final PortGuard guard;
    private final ConcurrentHashMap<BuilderConfiguration, HttpClient> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perSite = new ConcurrentHashMap<>();
    /** Set while the shared client is being built here, so that build is the code's own. */
    private final ThreadLocal<Boolean> building = new ThreadLocal<>();
    private final ClassValue<Field[]> fields = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return BuilderConfiguration.settingsOf(type);
        }
    };

    SharedJdkClients(PortGuard guard) {
        this.guard = guard;
    }

    /** The client to hand out instead of building one from {@code builder}, or null to build as the code asked. */
    HttpClient building(Object builder) throws Throwable {
        Mitigation mitigation = guard.integration().mitigation();
        if (!mitigation.active() || building.get() != null || !(builder instanceof HttpClient.Builder b)) {
            return null;
        }
        String site = mitigation.siteOfCaller();
        if (!mitigation.shares(site)) {
            return null;
        }
        Field[] settings = fields.get(builder.getClass());
        if (settings.length == 0) {
            mitigation.unsupported("this JDK's HttpClient", "its builder's settings cannot be read");
            return null;
        }
        BuilderConfiguration configuration = BuilderConfiguration.of(site, builder, settings, VALUES);
        HttpClient shared = clients.get(configuration);
        if (shared == null) {
            AtomicInteger count = perSite.computeIfAbsent(site, s -> new AtomicInteger());
            if (count.get() >= CONFIGURATIONS_PER_SITE || clients.size() >= CONFIGURATIONS) {
                mitigation.leftAlone(site, JdkHttpClients.KIND, "its clients have more than "
                        + CONFIGURATIONS_PER_SITE + " configurations (an executor, cookie handler, authenticator or"
                        + " TLS context of their own per client): they cannot share");
                return null;
            }
            HttpClient built = buildAsTheCodeAsked(b);
            HttpClient raced = clients.putIfAbsent(configuration, built);
            if (raced == null) {
                count.incrementAndGet();
                shared = built;
            } else {
                shared = raced; // the one built here is dropped, as the code would have dropped it
            }
        }
        mitigation.sharing(site, JdkHttpClients.KIND, PoolSettings.UNKNOWN);
        return new SharedJdkClient(shared);
    }

    private HttpClient buildAsTheCodeAsked(HttpClient.Builder builder) {
        building.set(Boolean.TRUE);
        try {
            return builder.build();
        } finally {
            building.remove();
        }
    }

    /** The builder's values with equality of their own: the JDK's immutable ones. */
    private static final class JdkValues implements Predicate<Object> {
        @Override
        public boolean test(Object v) {
            return v instanceof Enum || v instanceof Duration || v instanceof Number || v instanceof Boolean
                    || v instanceof String || v instanceof InetAddress;
        }
    }
}
