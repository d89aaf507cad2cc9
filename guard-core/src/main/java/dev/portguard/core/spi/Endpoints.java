package dev.portguard.core.spi;

import java.util.Locale;

/**
 * How destinations are written everywhere ({@code host:port}, IPv6 in brackets, host in lower case) and how
 * integrations name what they report: the port a URL means when it names none, and the bucket that shares
 * the counts of destinations and sites past the guard's caps.
 */
public final class Endpoints {
    /** The destination or site that counts everything past {@code max.destinations} or {@code max.sites}. */
    public static final String OTHER = "(other)";

    private Endpoints() {
    }

    /** The port of a URL that names none: 443 for {@code https} (any case), 80 otherwise. */
    public static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** {@code port} when the URL named one (0 or more), else the scheme's default. */
    public static int portOrDefault(int port, String scheme) {
        return port >= 0 ? port : defaultPort(scheme);
    }

    /** {@code host:port} as the guard writes it; the overflow bucket is its own key. */
    public static String key(String host, int port) {
        if (OTHER.equals(host)) {
            return OTHER;
        }
        if (host == null || host.isEmpty()) {
            return "unknown:" + port;
        }
        String h = host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        h = h.toLowerCase(Locale.ROOT);
        return h.indexOf(':') >= 0 ? "[" + h + "]:" + port : h + ":" + port;
    }

    /** The host of a key made by {@link #key}, IPv6 without brackets; the overflow key is its own host. */
    public static String host(String key) {
        int colon = key.lastIndexOf(':');
        if (colon < 0) {
            return key;
        }
        String host = key.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port of a key made by {@link #key}, or -1 (the overflow bucket has none). */
    public static int port(String key) {
        int colon = key.lastIndexOf(':');
        if (colon < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
