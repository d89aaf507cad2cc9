package dev.portguard.core.internal;

import java.util.Locale;

/** How a destination is written everywhere: {@code host:port}, IPv6 in brackets, host in lower case. */
final class Destinations {
    static final String OVERFLOW = "(other)";

    private Destinations() {
    }

    /** The port of a key made by {@link #key}, or -1 (the overflow bucket has none). */
    /** The host of a key, IPv6 without brackets; the overflow key is its own host. */
    static String host(String key) {
        int colon = key.lastIndexOf(':');
        if (colon < 0) {
            return key;
        }
        String host = key.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static int port(String key) {
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

    static String key(String host, int port) {
        if (OVERFLOW.equals(host)) {
            return OVERFLOW;
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
}
