package dev.portguard.core.internal.procfs;

/**
 * IP addresses as conntrack prints them (IPv4 dotted, IPv6 in full or compressed form) read straight from bytes into
 * two longs, and back to text. IPv4 is kept as its IPv4-mapped IPv6 form ({@code ::ffff:a.b.c.d}), so one pair of
 * longs holds either family and a key never needs a String.
 */
public final class IpText {
    static final long V4_MAPPED = 0xFFFF00000000L;

    private IpText() {
    }

    /** True when {@code hi, lo} is an IPv4 address (kept mapped). */
    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xFFFFFFFF00000000L) == V4_MAPPED;
    }

    /**
     * Parses {@code b[from, to)} into {@code out[0]} (high 64 bits) and {@code out[1]} (low); false when it is not an
     * address.
     */
    static boolean parse(byte[] b, int from, int to, long[] out) {
        for (int i = from; i < to; i++) {
            if (b[i] == ':') {
                return parseV6(b, from, to, out);
            }
        }
        long v = 0;
        int octets = 0;
        int octet = -1;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == '.') {
                if (octet < 0 || octet > 255) {
                    return false;
                }
                v = (v << 8) | octet;
                octets++;
                octet = -1;
            } else if (b[i] >= '0' && b[i] <= '9') {
                octet = (octet < 0 ? 0 : octet * 10) + (b[i] - '0');
                if (octet > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        if (octets != 4) {
            return false;
        }
        out[0] = 0;
        out[1] = V4_MAPPED | v;
        return true;
    }

    private static boolean parseV6(byte[] b, int from, int to, long[] out) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int i = from;
        if (to - from >= 2 && b[from] == ':' && b[from + 1] == ':') {
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int value = 0;
            int digits = 0;
            while (i < to && b[i] != ':') {
                int d = Character.digit(b[i], 16);
                if (d < 0 || ++digits > 4) {
                    return false;
                }
                value = (value << 4) | d;
                i++;
            }
            if (digits == 0 || count == 8) {
                return false;
            }
            groups[count++] = value;
            if (i < to) { // at ':'
                i++;
                if (i < to && b[i] == ':') {
                    if (gap >= 0) {
                        return false;
                    }
                    gap = count;
                    i++;
                } else if (i == to) {
                    return false; // a trailing single ':'
                }
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
            return false;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    /** IPv4 dotted, IPv6 in its RFC 5952 form (lower case, the longest run of zero groups as {@code ::}). */
    public static String format(long hi, long lo) {
        if (isV4(hi, lo)) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
