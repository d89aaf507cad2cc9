package dev.portguard.okhttp.internal;

/** Reads a {@code Connection} header value without allocating. */
final class Headers {
    private Headers() {
    }

    /** True when the value lists the {@code close} token ({@code close}, {@code Close}, {@code close, TE}). */
    static boolean saysClose(String value) {
        if (value == null) {
            return false;
        }
        int n = value.length();
        for (int i = 0; i + 5 <= n; i++) {
            if (value.regionMatches(true, i, "close", 0, 5)
                    && (i == 0 || value.charAt(i - 1) == ',' || value.charAt(i - 1) == ' ')
                    && (i + 5 == n || value.charAt(i + 5) == ',' || value.charAt(i + 5) == ' ')) {
                return true;
            }
        }
        return false;
    }
}
