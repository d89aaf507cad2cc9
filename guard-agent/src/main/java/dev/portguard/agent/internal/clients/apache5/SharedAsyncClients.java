package dev.portguard.agent.internal.clients.apache5;

import dev.portguard.agent.internal.HelperLoader;
import dev.portguard.agent.internal.clients.BuilderConfiguration;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.Mitigation;
import dev.portguard.httpclient5.internal.ApacheKinds;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Mitigate mode for Apache HttpClient 5 async clients ({@code HttpAsyncClients.createDefault()},
 * {@code HttpAsyncClients.custom()...build()}). Sharing the connection manager alone, as for the classic clients,
 * would not do: an async connection lives in the I/O reactor of the client that opened it, which each client starts
 * for itself (a thread to start it and one per core to run it) and shuts down, with its connections, when closed.
 * So a site that builds an async client per request is served, per distinct configuration, by one client built
 * once from an identical builder, with one manager and one reactor; the code gets a view of it
 * ({@link SharedAsyncClientView}) whose {@code close()} shuts down neither. The configuration is every field of the
 * builder, compared by equality where it is a value (numbers, flags, strings, enums, time values, hosts) and by
 * identity otherwise, so a client given its own interceptor, cookie store, credentials, thread factory or reactor
 * settings never shares another's. A builder given a connection manager of its own is left alone (its TLS strategy
 * and socket and connection settings are that manager's), as are sites whose clients have more than a few
 * configurations; the report says so. Bounded: a few configurations per site, a fixed number overall. Reads the
 * builder reflectively; only the view is linked against HttpClient 5.
 */
public final class SharedAsyncClients {
    private static final String VIEW = "dev.portguard.agent.internal.clients.apache5.SharedAsyncClientView";
    private static final String LIBRARY = "Apache HttpClient 5 async";
    private static final int CONFIGURATIONS_PER_SITE = 8;
    private static final int CONFIGURATIONS = 256;
    private static final Predicate<Object> VALUES = new HttpClientValues();

    private final PortGuard guard;
    private final ConcurrentHashMap<BuilderConfiguration, Shared> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perSite = new ConcurrentHashMap<>();
    /** Set while the shared client is being built here, so that build is the code's own. */
    private final ThreadLocal<Boolean> building = new ThreadLocal<>();
    private final ClassValue<Field[]> fields = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return BuilderConfiguration.settingsOf(type);
        }
    };
    /** The view's constructor, linked against the HttpClient 5 of each client class. */
    private final ClassValue<Constructor<?>> views = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> clientClass) {
            try {
                return HelperLoader.linkedTo(clientClass, VIEW).getConstructor(Object.class, boolean.class);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return null;
            }
        }
    };

    public SharedAsyncClients(PortGuard guard) {
        this.guard = guard;
    }

    /** The client to hand out instead of building one from {@code builder}, or null to build as the code asked. */
    public Object building(Object builder) throws Throwable {
        Mitigation mitigation = guard.integration().mitigation();
        if (!mitigation.active() || builder == null || building.get() != null) {
            return null;
        }
        String site = mitigation.siteOfCaller();
        if (!mitigation.shares(site)) {
            return null;
        }
        Field[] settings = fields.get(builder.getClass());
        Field manager = BuilderConfiguration.named(settings, "connManager");
        Field cookieStore = BuilderConfiguration.named(settings, "cookieStore");
        if (manager == null || cookieStore == null) {
            mitigation.unsupported("this " + LIBRARY + " version", "its client builder cannot be read");
            return null;
        }
        if (manager.get(builder) != null) {
            mitigation.leftAlone(site, ApacheKinds.ASYNC, "its clients are given a connection manager of their own"
                    + " (with its own TLS strategy, socket and connection settings): they cannot share");
            return null;
        }
        BuilderConfiguration configuration = BuilderConfiguration.of(site, builder, settings, VALUES);
        Shared shared = clients.get(configuration);
        if (shared == null) {
            AtomicInteger count = perSite.computeIfAbsent(site, s -> new AtomicInteger());
            if (count.get() >= CONFIGURATIONS_PER_SITE || clients.size() >= CONFIGURATIONS) {
                mitigation.leftAlone(site, ApacheKinds.ASYNC, "its clients have more than " + CONFIGURATIONS_PER_SITE
                        + " configurations (an interceptor, cookie store, credentials, thread factory or reactor"
                        + " settings of their own per client): they cannot share");
                return null;
            }
            Object built = buildAsTheCodeAsked(builder);
            Constructor<?> view = built == null ? null : views.get(built.getClass());
            if (view == null) {
                mitigation.unsupported("this " + LIBRARY + " version", "its clients cannot be shared");
                close(built);
                return null;
            }
            Shared mine = new Shared(built, view, maxTotal(built));
            Shared raced = clients.putIfAbsent(configuration, mine);
            if (raced == null) {
                count.incrementAndGet();
                shared = mine;
            } else {
                close(built); // never started: it holds no thread yet
                shared = raced;
            }
        }
        mitigation.sharing(site, ApacheKinds.ASYNC, shared.poolSize);
        return shared.view.newInstance(shared.client, cookieStore.get(builder) == null);
    }

    /** The shared client and how to give the code a view of it. */
    private record Shared(Object client, Constructor<?> view, int poolSize) {
    }

    private Object buildAsTheCodeAsked(Object builder) {
        building.set(Boolean.TRUE);
        try {
            return builder.getClass().getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        } finally {
            building.remove();
        }
    }

    private static void close(Object client) {
        if (client instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // a client never started has nothing to close that matters
            }
        }
    }

    /** The shared client's pool limit in all, read from its manager (-1: not read). */
    private static int maxTotal(Object client) {
        try {
            for (Class<?> c = client.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType().getName().endsWith(".AsyncClientConnectionManager")) {
                        f.setAccessible(true);
                        Object manager = f.get(client);
                        return (Integer) manager.getClass().getMethod("getMaxTotal").invoke(manager);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not read: the report says the client's own limit
        }
        return -1;
    }

    /** Immutable values with equality of their own: HttpClient's time values and hosts, and the JDK's. */
    private static final class HttpClientValues implements Predicate<Object> {
        @Override
        public boolean test(Object v) {
            if (v instanceof Enum || v instanceof Number || v instanceof Boolean || v instanceof String
                    || v instanceof Character) {
                return true;
            }
            String name = v.getClass().getName();
            return name.equals("org.apache.hc.core5.util.TimeValue") || name.equals("org.apache.hc.core5.util.Timeout")
                    || name.equals("org.apache.hc.core5.http.HttpHost");
        }
    }
}
