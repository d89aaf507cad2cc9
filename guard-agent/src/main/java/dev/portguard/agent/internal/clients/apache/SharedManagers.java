package dev.portguard.agent.internal.clients.apache;

import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.Mitigation;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mitigate mode for Apache HttpClient 5 classic and 4.5: a builder from a mitigated site that would build its own
 * default pooling manager is given the site's one shared manager instead, marked shared, so the client's
 * {@code close()} leaves it open for the others (what {@code setConnectionManagerShared(true)} does). One manager
 * per site, class loader and manager configuration (the builder settings the default manager is made from); it is
 * the manager a fresh builder with those settings makes, taken from a client built once, so it is exactly the
 * default the code would have had, counted at the same site. A builder given a manager of its own, or (4.5) its
 * own TLS socket factory, SSL context, hostname verifier, socket or connection config, DNS resolver or public
 * suffix matcher, is left alone and the report says so. Reads the builder reflectively: nothing of HttpClient is
 * linked here.
 */
public final class SharedManagers {
    /** What differs between the libraries: the builder settings a default manager is made from, and its own. */
    public record Library(String name, ClientKind kind, List<String> managerSettings, List<String> ownSettings) {
    }

    private final PortGuard guard;
    private final Library library;
    private final ConcurrentHashMap<Key, Object> managers = new ConcurrentHashMap<>();
    /** Set while the shared manager is being made here, so that build is left as it is. */
    private final ThreadLocal<Boolean> making = new ThreadLocal<>();
    private final ClassValue<Builder> builders = new ClassValue<>() {
        @Override
        protected Builder computeValue(Class<?> type) {
            return Builder.of(type, library);
        }
    };

    public SharedManagers(PortGuard guard, Library library) {
        this.guard = guard;
        this.library = library;
    }

    /** A client is about to be built from {@code builder}. */
    public void building(Object builder) throws Exception {
        Mitigation mitigation = guard.integration().mitigation();
        if (!mitigation.active() || builder == null || making.get() != null) {
            return;
        }
        String site = mitigation.siteOfCaller();
        if (!mitigation.shares(site)) {
            return;
        }
        Builder b = builders.get(builder.getClass());
        if (b == null) {
            mitigation.unsupported("this " + library.name + " version", "its client builder cannot be read");
            return;
        }
        if (b.manager.get(builder) != null) {
            mitigation.leftAlone(site, library.kind, "its clients are given a connection manager of their own:"
                    + " they cannot share");
            return;
        }
        for (Field own : b.own) {
            if (own.get(builder) != null) {
                mitigation.leftAlone(site, library.kind, "its clients' builder sets its own " + own.getName()
                        + " (TLS, socket or connection settings): they cannot share");
                return;
            }
        }
        Object[] settings = new Object[b.settings.length];
        for (int i = 0; i < settings.length; i++) {
            settings[i] = b.settings[i].get(builder);
        }
        Key key = new Key(site, builder.getClass(), settings);
        Object shared = managers.get(key);
        if (shared == null) {
            Object made = defaultManager(builder.getClass(), b, settings);
            if (made == null) {
                mitigation.unsupported("this " + library.name + " version", "its default manager cannot be made");
                return;
            }
            Object raced = managers.putIfAbsent(key, made);
            shared = raced != null ? raced : made;
        }
        b.setManager.invoke(builder, shared);
        b.setShared.invoke(builder, true);
        mitigation.sharing(site, library.kind, maxTotal(shared));
    }

    /** The manager a fresh builder with {@code settings} gives its client. */
    private Object defaultManager(Class<?> type, Builder b, Object[] settings) {
        making.set(Boolean.TRUE);
        try {
            Object fresh = type.getMethod("create").invoke(null);
            for (int i = 0; i < settings.length; i++) {
                b.settings[i].set(fresh, settings[i]);
            }
            Object client = type.getMethod("build").invoke(fresh);
            Field manager = field(client.getClass(), "connManager");
            return manager.get(client);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        } finally {
            making.remove();
        }
    }

    private static int maxTotal(Object manager) {
        try {
            return (Integer) manager.getClass().getMethod("getMaxTotal").invoke(manager);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private record Key(String site, Class<?> builderType, Object[] settings) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.site.equals(site) && k.builderType == builderType
                    && Arrays.equals(k.settings, settings);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * site.hashCode() + System.identityHashCode(builderType)) + Arrays.hashCode(settings);
        }
    }

    /** The builder's fields and setters this needs; null when its class has other ones. */
    private record Builder(Field manager, Field[] settings, Field[] own, Method setManager, Method setShared) {
        static Builder of(Class<?> type, Library library) {
            try {
                Field manager = field(type, "connManager");
                List<Field> settings = new ArrayList<>();
                for (String name : library.managerSettings()) {
                    settings.add(field(type, name));
                }
                List<Field> own = new ArrayList<>();
                for (String name : library.ownSettings()) {
                    own.add(field(type, name));
                }
                return new Builder(manager, settings.toArray(new Field[0]), own.toArray(new Field[0]),
                        type.getMethod("setConnectionManager", manager.getType()),
                        type.getMethod("setConnectionManagerShared", boolean.class));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
