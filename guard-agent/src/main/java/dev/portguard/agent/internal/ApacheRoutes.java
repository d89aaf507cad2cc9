package dev.portguard.agent.internal;

import java.lang.reflect.Method;

/**
 * Reads the destination ({@code host:port}) of an Apache HttpClient route, or of a pooled connection, in 4.x and
 * 5.x alike. The agent is not compiled against either, so it uses their public getters (and the connection
 * wrappers' package-private {@code getPoolEntry()}) by reflection, each method looked up once per class.
 */
final class ApacheRoutes {
    /** A destination; the host is a name or IP literal, never a URL. */
    record Target(String host, int port) {
    }

    private static final ClassValue<Method> GET_TARGET_HOST = new Getter("getTargetHost");
    private static final ClassValue<Method> GET_HOST_NAME = new Getter("getHostName");
    private static final ClassValue<Method> GET_PORT = new Getter("getPort");
    private static final ClassValue<Method> GET_SCHEME = new Getter("getSchemeName");
    private static final ClassValue<Method> GET_POOL_ENTRY = new Getter("getPoolEntry");
    private static final ClassValue<Method> GET_ROUTE = new Getter("getRoute");

    private ApacheRoutes() {
    }

    /** The target of an {@code HttpRoute}, or null when it cannot be read. */
    static Target ofRoute(Object route) throws ReflectiveOperationException {
        if (route == null) {
            return null;
        }
        Method targetHost = GET_TARGET_HOST.get(route.getClass());
        if (targetHost == null) {
            return null;
        }
        Object host = targetHost.invoke(route);
        if (host == null) {
            return null;
        }
        Method name = GET_HOST_NAME.get(host.getClass());
        Method port = GET_PORT.get(host.getClass());
        if (name == null || port == null) {
            return null;
        }
        int p = (Integer) port.invoke(host);
        if (p < 0) {
            Method scheme = GET_SCHEME.get(host.getClass());
            p = scheme != null && "https".equalsIgnoreCase((String) scheme.invoke(host)) ? 443 : 80;
        }
        return new Target((String) name.invoke(host), p);
    }

    /** The target of a route, or of a connection endpoint that holds a pool entry. */
    static Target of(Object routeOrEndpoint) throws ReflectiveOperationException {
        if (routeOrEndpoint == null) {
            return null;
        }
        if (GET_TARGET_HOST.get(routeOrEndpoint.getClass()) != null) {
            return ofRoute(routeOrEndpoint);
        }
        Method poolEntry = GET_POOL_ENTRY.get(routeOrEndpoint.getClass());
        if (poolEntry == null) {
            return null;
        }
        Object entry = poolEntry.invoke(routeOrEndpoint);
        if (entry == null) {
            return null;
        }
        Method route = GET_ROUTE.get(entry.getClass());
        return route == null ? null : ofRoute(route.invoke(entry));
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
