package dev.portguard.core.internal.procfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads conntrack entries as {@code /proc/net/nf_conntrack} and {@code conntrack -L -o extended} print them (the
 * same line format) straight from bytes into a {@link ConntrackTally}: one reused buffer, no String per line.
 * <pre>
 * ipv4 2 tcp 6 119 TIME_WAIT src=10.244.0.2 dst=192.0.2.10 sport=45856 dport=8080 src=192.0.2.10 dst=192.0.2.1
 *   sport=8080 dport=40001 [ASSURED] mark=0 zone=0 use=2
 * </pre>
 * The first {@code src= dst= sport= dport=} are the original tuple (the pod's), the second the reply tuple, whose
 * {@code dst}/{@code dport} are the address and port SNAT gave the entry. A line of another shape is counted as
 * malformed with its reason, never thrown; a line longer than the buffer likewise. Not thread-safe.
 */
public final class ConntrackParser {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_TOKENS = 64;
    private final byte[] buf = new byte[BUFFER];
    private final int[] starts = new int[MAX_TOKENS];
    private final int[] ends = new int[MAX_TOKENS];
    private final long[] address = new long[2];

    /** Parses the whole stream into {@code tally}; reads to its end, does not close it. */
    public void parse(InputStream in, ConntrackTally tally) throws IOException {
        int len = 0;
        boolean skipping = false; // inside a line longer than the buffer
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                if (len > 0 && !skipping) {
                    line(0, len, tally); // a last line without newline
                }
                return;
            }
            len += n;
            int start = 0;
            for (int i = 0; i < len; i++) {
                if (buf[i] != '\n') {
                    continue;
                }
                if (skipping) {
                    skipping = false;
                } else {
                    line(start, i, tally);
                }
                start = i + 1;
            }
            if (start == 0 && len == buf.length) {
                tally.malformed("a line longer than " + BUFFER + " bytes");
                skipping = true;
                len = 0;
                continue;
            }
            System.arraycopy(buf, start, buf, 0, len - start);
            len -= start;
        }
    }

    private void line(int from, int to, ConntrackTally tally) {
        int count = 0;
        int i = from;
        while (i < to) {
            while (i < to && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r')) {
                i++;
            }
            if (i >= to) {
                break;
            }
            if (count == MAX_TOKENS) {
                tally.malformed("more than " + MAX_TOKENS + " fields");
                return;
            }
            starts[count] = i;
            while (i < to && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
                i++;
            }
            ends[count++] = i;
        }
        if (count == 0) {
            return; // a blank line
        }
        if (count < 5) {
            tally.malformed("too few fields: " + sample(from, to));
            return;
        }
        boolean v6;
        if (is(0, "ipv4")) {
            v6 = false;
        } else if (is(0, "ipv6")) {
            v6 = true;
        } else {
            tally.malformed("unknown family '" + text(0) + "'");
            return;
        }
        long proto = number(3);
        long timeout = number(4);
        if (proto < 0 || timeout < 0) {
            tally.malformed("protocol number or timeout not a number: " + sample(from, to));
            return;
        }
        int next = 5;
        int state = ConntrackTally.OTHER;
        if (proto == 6) {
            state = ConntrackTally.UNKNOWN_TCP_STATE;
            if (count > 5 && indexOf(5, '=') < 0 && buf[starts[5]] != '[') {
                state = tcpState(5);
                next = 6;
            }
        }
        long srcHi = 0, srcLo = 0, dstHi = 0, dstLo = 0, rdstHi = 0, rdstLo = 0;
        int sport = 0, dport = 0, rdport = 0, zone = 0;
        int srcs = 0, dsts = 0;
        for (int t = next; t < count; t++) {
            int eq = indexOf(t, '=');
            if (eq < 0) {
                continue; // [ASSURED], [UNREPLIED], [OFFLOAD]
            }
            int keyLen = eq - starts[t];
            if (keyLen == 3 && at(t, "src")) {
                if (!IpText.parse(buf, eq + 1, ends[t], address)) {
                    tally.malformed("bad address in " + text(t));
                    return;
                }
                if (srcs++ == 0) {
                    srcHi = address[0];
                    srcLo = address[1];
                }
            } else if (keyLen == 3 && at(t, "dst")) {
                if (!IpText.parse(buf, eq + 1, ends[t], address)) {
                    tally.malformed("bad address in " + text(t));
                    return;
                }
                if (dsts++ == 0) {
                    dstHi = address[0];
                    dstLo = address[1];
                } else if (dsts == 2) {
                    rdstHi = address[0];
                    rdstLo = address[1];
                }
            } else if (keyLen == 5 && at(t, "sport")) {
                long p = value(eq, t);
                if (p < 0 || p > 65535) {
                    tally.malformed("bad port in " + text(t));
                    return;
                }
                if (srcs == 1) {
                    sport = (int) p;
                }
            } else if (keyLen == 5 && at(t, "dport")) {
                long p = value(eq, t);
                if (p < 0 || p > 65535) {
                    tally.malformed("bad port in " + text(t));
                    return;
                }
                if (dsts == 1) {
                    dport = (int) p;
                } else if (dsts == 2) {
                    rdport = (int) p;
                }
            } else if (keyLen >= 4 && at(t, "zone")) {
                // zone=N, or zone-orig=N when the zone is per direction: the original direction's is the SNAT's
                if (keyLen == 4 || keyLen == 9 && at(t, "zone-orig")) {
                    long z = value(eq, t);
                    zone = z < 0 ? 0 : (int) Math.min(z, 65535);
                }
            }
        }
        if (srcs < 2 || dsts < 2) {
            tally.malformed("not two tuples (src=, dst=): " + sample(from, to));
            return;
        }
        if (IpText.isV4(srcHi, srcLo) == v6) {
            tally.malformed("addresses of the other family than '" + text(0) + "'");
            return;
        }
        tally.add(zone, (int) proto, v6, srcHi, srcLo, dstHi, dstLo, sport, dport, rdstHi, rdstLo, rdport, state,
                timeout);
    }

    private int tcpState(int t) {
        for (int s = 0; s < ConntrackTally.OTHER; s++) {
            if (is(t, ConntrackTally.STATES.get(s))) {
                return s;
            }
        }
        return ConntrackTally.UNKNOWN_TCP_STATE;
    }

    private boolean is(int t, String word) {
        return ends[t] - starts[t] == word.length() && at(t, word);
    }

    private boolean at(int t, String prefix) {
        int s = starts[t];
        if (ends[t] - s < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[s + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(int t, char c) {
        for (int i = starts[t]; i < ends[t]; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private long value(int eq, int t) {
        return digits(eq + 1, ends[t]);
    }

    private long number(int t) {
        return digits(starts[t], ends[t]);
    }

    /** A non-negative decimal, or -1. */
    private long digits(int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private String text(int t) {
        return new String(buf, starts[t], Math.min(ends[t] - starts[t], 60), StandardCharsets.US_ASCII);
    }

    private String sample(int from, int to) {
        return "'" + new String(buf, from, Math.min(to - from, 80), StandardCharsets.US_ASCII) + "'";
    }
}
