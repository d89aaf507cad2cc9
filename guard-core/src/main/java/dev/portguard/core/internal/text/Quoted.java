package dev.portguard.core.internal.text;

/**
 * An outside value as it may appear inside one line of a message: in single quotes, with every character that
 * could end the line, forge another (a newline followed by {@code [portguard]}) or hide in a terminal escaped, and
 * only a short prefix of a long value. Values come from settings and from files the guard reads, so none of them
 * is trusted to be short or printable.
 */
public final class Quoted {
    /** Characters of a value shown at most, by default. */
    public static final int DEFAULT_LIMIT = 80;

    private Quoted() {
    }

    /** {@code value} quoted, escaped and cut to {@link #DEFAULT_LIMIT} characters; {@code null} as {@code null}. */
    public static String of(String value) {
        return of(value, DEFAULT_LIMIT);
    }

    /**
     * {@code value} in single quotes: backslash, quote, control and non-ASCII characters escaped (a newline as
     * backslash-n, U+2028 as backslash-u2028), and when longer than {@code limit} characters only its first
     * {@code limit}, followed by {@code ...} and its length.
     */
    public static String of(String value, int limit) {
        if (value == null) {
            return "null";
        }
        return escape(new StringBuilder(Math.min(value.length(), limit) + 16).append('\''), value, limit, true);
    }

    /** Like {@link #of(String, int)} without the quotes, for a name (a key) rather than a value. */
    public static String bare(String name, int limit) {
        return name == null ? "null" : escape(new StringBuilder(), name, limit, false);
    }

    private static String escape(StringBuilder sb, String value, int limit, boolean quoted) {
        int shown = Math.min(value.length(), Math.max(1, limit));
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (shown < value.length()) {
            sb.append("...");
        }
        if (quoted) {
            sb.append('\'');
        }
        if (shown < value.length()) {
            sb.append(" (").append(value.length()).append(" characters)");
        }
        return sb.toString();
    }
}
