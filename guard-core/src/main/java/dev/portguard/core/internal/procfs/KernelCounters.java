package dev.portguard.core.internal.procfs;

import java.util.HashMap;
import java.util.Map;

/**
 * The two shapes of counter files under /proc/net: {@code sockstat} ({@code TCP: inuse 3 orphan 0 tw 7 ...}, name
 * value pairs on one line) and {@code netstat}/{@code snmp} (a line of names, then a line of values, both starting
 * with the same prefix such as {@code TcpExt:}).
 */
public final class KernelCounters {
    private KernelCounters() {
    }

    /** The name/value pairs of the sockstat line that starts with {@code prefix} (e.g. {@code TCP:}). */
    public static Map<String, Long> sockstat(String text, String prefix) {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String[] parts = line.substring(prefix.length()).trim().split("\\s+");
            for (int i = 0; i + 1 < parts.length; i += 2) {
                Long value = parseLong(parts[i + 1]);
                if (value != null) {
                    values.put(parts[i], value);
                }
            }
        }
        return values;
    }

    /** The counters of the {@code prefix} (e.g. {@code TcpExt:}) header and value lines, by name. */
    public static Map<String, Long> table(String text, String prefix) {
        Map<String, Long> values = new HashMap<>();
        String[] names = null;
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String[] parts = line.substring(prefix.length()).trim().split("\\s+");
            if (names == null) {
                names = parts;
                continue;
            }
            for (int i = 0; i < Math.min(names.length, parts.length); i++) {
                Long value = parseLong(parts[i]);
                if (value != null) {
                    values.put(names[i], value);
                }
            }
            names = null;
        }
        return values;
    }

    /**
     * {@code /proc/net/stat/nf_conntrack}: a header of names, then one line of hex values per CPU. Returns each
     * named column summed over CPUs (so {@code entries}, the same on every line, is not meaningful here).
     */
    public static Map<String, Long> perCpuHex(String text) {
        Map<String, Long> sums = new HashMap<>();
        String[] lines = text.split("\n");
        if (lines.length < 2) {
            return sums;
        }
        String[] names = lines[0].trim().split("\\s+");
        for (int l = 1; l < lines.length; l++) {
            String[] parts = lines[l].trim().split("\\s+");
            if (parts.length != names.length) {
                continue; // a truncated line
            }
            for (int i = 0; i < names.length; i++) {
                try {
                    sums.merge(names[i], Long.parseUnsignedLong(parts[i], 16), Long::sum);
                } catch (NumberFormatException e) {
                    // one bad cell does not spoil the others
                }
            }
        }
        return sums;
    }

    /**
     * The text of {@code name}'s value on the sockstat line starting with {@code prefix}, whether or not it is a
     * number, or {@code null} when the line or the name is absent: for saying what a malformed value was.
     */
    public static String sockstatText(String text, String prefix, String name) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String[] parts = line.substring(prefix.length()).trim().split("\\s+");
            for (int i = 0; i + 1 < parts.length; i += 2) {
                if (parts[i].equals(name)) {
                    return parts[i + 1];
                }
            }
        }
        return null;
    }

    /**
     * A count or setting as the kernel prints it: ASCII digits only, so never negative (a sign, another script's
     * digits or a value past {@code int} are malformed).
     *
     * @throws NumberFormatException when it is not
     */
    public static int count(String text) {
        long v = countLong(text);
        if (v > Integer.MAX_VALUE) {
            throw new NumberFormatException("too large: " + text.length() + " characters");
        }
        return (int) v;
    }

    /** Like {@link #count(String)}, up to {@link Long#MAX_VALUE}. */
    public static long countLong(String text) {
        int n = text.length();
        if (n == 0 || n > 19) {
            throw new NumberFormatException(n == 0 ? "empty" : "too long: " + n + " characters");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a count");
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                throw new NumberFormatException("too large");
            }
        }
        return v;
    }

    private static Long parseLong(String s) {
        try {
            return countLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
