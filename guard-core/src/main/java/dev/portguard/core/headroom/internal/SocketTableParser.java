package dev.portguard.core.headroom.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@code /proc/net/tcp} and {@code /proc/net/tcp6} straight from bytes into a {@link SocketTally}: no
 * String per line, no split, one reused buffer. Not thread-safe: one parser per thread. The kernel already spends most of the time producing the file
 * (about 23 ms for 30,000 sockets); the parse must stay small beside it. A line that does not have the expected
 * shape (truncated, garbled) is counted as malformed and skipped; it never stops the rest of the file.
 */
public final class SocketTableParser {
    private static final int BUFFER = 64 * 1024;
    private final byte[] buf = new byte[BUFFER];
    // Scratch for one line's endpoints (four address words and the port), so a line allocates nothing.
    private final long[] local = new long[5];
    private final long[] remote = new long[5];

    /** Parses one table; the stream is read to its end but not closed. */
    public void parse(InputStream in, SocketTally tally) throws IOException {
        int len = 0;
        int scanned = 0;
        boolean skipping = false; // inside a line longer than the buffer
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                if (len > 0 && !skipping) {
                    line(buf, 0, len, tally); // a last line without newline: parsed, or malformed if cut short
                }
                return;
            }
            len += n;
            int start = 0;
            for (int i = scanned; i < len; i++) {
                if (buf[i] == '\n') {
                    if (!skipping) {
                        line(buf, start, i, tally);
                    }
                    skipping = false;
                    start = i + 1;
                }
            }
            if (start == 0 && len == buf.length) {
                if (!skipping) {
                    tally.malformedLine(); // no real row is this long
                }
                skipping = true;
                len = 0;
                scanned = 0;
                continue;
            }
            System.arraycopy(buf, start, buf, 0, len - start);
            len -= start;
            scanned = len;
        }
    }

    /** Parses one line between {@code from} and {@code to} (exclusive, without the newline). */
    void line(byte[] b, int from, int to, SocketTally tally) {
        int p = skipSpaces(b, from, to);
        if (p == to) {
            return; // blank
        }
        if (b[p] == 's' && p + 1 < to && b[p + 1] == 'l') {
            return; // the header
        }
        // "N:" slot number
        int q = p;
        while (q < to && b[q] >= '0' && b[q] <= '9') {
            q++;
        }
        if (q == p || q >= to || b[q] != ':') {
            tally.malformedLine();
            return;
        }
        p = skipSpaces(b, q + 1, to);
        int afterLocal = endpoint(b, p, to, local);
        if (afterLocal < 0) {
            tally.malformedLine();
            return;
        }
        int localPort = (int) local[4];
        p = skipSpaces(b, afterLocal, to);
        int afterRemote = endpoint(b, p, to, remote);
        if (afterRemote < 0) {
            tally.malformedLine();
            return;
        }
        p = skipSpaces(b, afterRemote, to);
        if (p + 2 > to || (p + 2 < to && b[p + 2] != ' ')) {
            tally.malformedLine();
            return;
        }
        long state = hex(b, p, p + 2);
        if (state < 0) {
            tally.malformedLine();
            return;
        }
        tally.add((int) state, localPort, remote[0], remote[1], remote[2], remote[3], (int) remote[4]);
    }

    /**
     * Parses {@code ADDR:PORT} at {@code p}: 8 hex digits (IPv4, stored as IPv4-mapped) or 32 (IPv6), a colon and
     * 4 hex digits, followed by a space. Fills words 0-3 and the port at 4; returns the index after it, or -1.
     */
    private static int endpoint(byte[] b, int p, int to, long[] out) {
        int colon = p;
        while (colon < to && b[colon] != ':' && b[colon] != ' ') {
            colon++;
        }
        int addrLen = colon - p;
        if (colon >= to || b[colon] != ':' || colon + 5 > to) {
            return -1;
        }
        if (addrLen == 8) {
            long w = hex(b, p, p + 8);
            if (w < 0) {
                return -1;
            }
            out[0] = 0;
            out[1] = 0;
            out[2] = 0xFFFF0000L;
            out[3] = w;
        } else if (addrLen == 32) {
            for (int i = 0; i < 4; i++) {
                long w = hex(b, p + 8 * i, p + 8 * i + 8);
                if (w < 0) {
                    return -1;
                }
                out[i] = w;
            }
        } else {
            return -1;
        }
        int end = colon + 5;
        if (end < to && b[end] != ' ') {
            return -1;
        }
        long port = hex(b, colon + 1, end);
        if (port < 0) {
            return -1;
        }
        out[4] = port;
        return end;
    }

    private static long hex(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static int skipSpaces(byte[] b, int from, int to) {
        int p = from;
        while (p < to && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
            p++;
        }
        return p;
    }
}
