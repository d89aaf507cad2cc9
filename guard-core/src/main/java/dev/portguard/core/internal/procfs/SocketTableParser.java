package dev.portguard.core.internal.procfs;

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
    private int state;

    /** Parses one table; the stream is read to its end but not closed. */
    public void parse(InputStream in, SocketTally tally) throws IOException {
        parse(in, tally, Long.MAX_VALUE);
    }

    /**
     * Parses one table until its end or until {@link System#nanoTime()} passes {@code deadlineNanos}, checked once
     * per buffer. Returns whether the whole table was read; the stream is not closed.
     */
    public boolean parse(InputStream in, SocketTally tally, long deadlineNanos) throws IOException {
        int len = 0;
        boolean skipping = false; // inside a line longer than the buffer
        while (true) {
            if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
                return false;
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                if (len > 0 && !skipping) {
                    line(buf, 0, len, tally); // a last line without newline: parsed, or malformed if cut short
                }
                return true;
            }
            len += n;
            int start = 0;
            if (skipping) {
                int nl = indexOf(buf, 0, len);
                if (nl < 0) {
                    len = 0;
                    continue;
                }
                skipping = false;
                start = nl + 1;
            }
            // Each line is parsed from its start; the parse reports where its fields ended, and only the rest of
            // the line (the timers, uid, inode) is scanned for the newline: the fields are never read twice.
            while (start < len) {
                int fieldsEnd = fields(buf, start, len);
                int nl = indexOf(buf, Math.max(start, fieldsEnd), len);
                if (nl < 0) {
                    break; // an incomplete line: keep it for the next read
                }
                if (fieldsEnd < 0) {
                    line(buf, start, nl, tally); // the careful path: header, blank or malformed
                } else {
                    // counted only now that the row is known to be whole: a row cut by the buffer's end is parsed
                    // again after the next read
                    tally.add(state, (int) local[4], remote[0], remote[1], remote[2], remote[3], (int) remote[4]);
                }
                start = nl + 1;
            }
            if (start == 0 && len == buf.length) {
                tally.malformedLine(); // no real row is this long
                skipping = true;
                len = 0;
                continue;
            }
            System.arraycopy(buf, start, buf, 0, len - start);
            len -= start;
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** The next newline, eight bytes at a time: the tail of each row (timers, uid, inode) is most of its bytes. */
    private static int indexOf(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - LOW_BITS) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The fast path for a well-formed row: parses slot, both endpoints and state starting at {@code from} (without
     * knowing where the line ends yet; every byte it accepts is a digit, hex, colon or space, so it cannot run past a
     * newline) into {@link #local}, {@link #remote} and {@link #state}. Returns the index after the state, or -1 when
     * the row is not exactly as expected; the caller then hands the whole line to {@link #line}.
     */
    private int fields(byte[] b, int from, int to) {
        int p = skipSpaces(b, from, to);
        int q = p;
        while (q < to && b[q] >= '0' && b[q] <= '9') {
            q++;
        }
        if (q == p || q >= to || b[q] != ':') {
            return -1;
        }
        p = skipSpaces(b, q + 1, to);
        int afterLocal = endpoint(b, p, to, local);
        if (afterLocal < 0) {
            return -1;
        }
        p = skipSpaces(b, afterLocal, to);
        int afterRemote = endpoint(b, p, to, remote);
        if (afterRemote < 0) {
            return -1;
        }
        p = skipSpaces(b, afterRemote, to);
        if (p + 3 > to || b[p + 2] != ' ') {
            return -1;
        }
        long st = hex(b, p, p + 2);
        if (st < 0) {
            return -1;
        }
        state = (int) st;
        return p + 2;
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
        // The address is 8 hex digits (IPv4) or 32 (IPv6): look for the colon only where it can be.
        int colon;
        if (p + 8 < to && b[p + 8] == ':') {
            colon = p + 8;
        } else if (p + 32 < to && b[p + 32] == ':') {
            colon = p + 32;
        } else {
            return -1;
        }
        int addrLen = colon - p;
        if (colon + 5 > to) {
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

    private static final byte[] HEX = new byte[256];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'A'; c <= 'F'; c++) {
            HEX[c] = (byte) (c - 'A' + 10);
            HEX[c + ('a' - 'A')] = (byte) (c - 'A' + 10);
        }
    }

    private static long hex(byte[] b, int from, int to) {
        long v = 0;
        int bad = 0;
        for (int i = from; i < to; i++) {
            int d = HEX[b[i] & 0xFF];
            bad |= d; // any -1 sets the sign bit
            v = (v << 4) | (d & 0xF);
        }
        return bad < 0 ? -1 : v;
    }

    private static int skipSpaces(byte[] b, int from, int to) {
        int p = from;
        while (p < to && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
            p++;
        }
        return p;
    }
}
