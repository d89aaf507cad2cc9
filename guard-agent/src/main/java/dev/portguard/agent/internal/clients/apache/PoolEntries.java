package dev.portguard.agent.internal.clients.apache;

import java.lang.reflect.Method;

/**
 * The route of a pooled Apache connection: the connection wrappers the managers hand out (4.5's
 * {@code CPoolProxy}, 5.x's {@code InternalConnectionEndpoint}) hold their pool entry behind a non-public
 * {@code getPoolEntry()}, whose {@code getRoute()} is the route. Each method is looked up once per class.
 */
public final class PoolEntries {
    private static final ClassValue<Method> GET_POOL_ENTRY = new Getter("getPoolEntry");
    private static final ClassValue<Method> GET_ROUTE = new Getter("getRoute");

    private PoolEntries() {
    }

    /** The route of {@code endpoint}, or null when it holds none (or is no pooled connection). */
    public static Object routeOf(Object endpoint) throws ReflectiveOperationException {
        return routeOfEntry(entryOf(endpoint));
    }

    /** The pool entry {@code endpoint} holds, or null when it holds none (or is no pooled connection). */
    public static Object entryOf(Object endpoint) throws ReflectiveOperationException {
        if (endpoint == null) {
            return null;
        }
        Method poolEntry = GET_POOL_ENTRY.get(endpoint.getClass());
        return poolEntry == null ? null : poolEntry.invoke(endpoint);
    }

    /** The route of a pool entry, or null. */
    public static Object routeOfEntry(Object entry) throws ReflectiveOperationException {
        if (entry == null) {
            return null;
        }
        Method route = GET_ROUTE.get(entry.getClass());
        return route == null ? null : route.invoke(entry);
    }

    /** A no-argument method by name, public or not, in the class or its superclasses; null when absent. */
    private static final class Getter extends ClassValue<Method> {
        private final String name;

        Getter(String name) {
            this.name = name;
        }

        @Override
        protected Method computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Method m = c.getDeclaredMethod(name);
                    m.setAccessible(true);
                    return m;
                } catch (NoSuchMethodException | RuntimeException e) {
                    // look in the superclass
                }
            }
            return null;
        }
    }
}
