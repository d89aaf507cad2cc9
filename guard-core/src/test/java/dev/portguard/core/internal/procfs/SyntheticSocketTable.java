package dev.portguard.core.internal.procfs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code /proc/net/tcp6} of any length, generated as it is read (a million rows would be 150 MB in memory):
 * IPv4-mapped sockets like a Java client's, 90% TIME_WAIT, row {@code i} from local port {@code low + i / d} toward
 * destination {@code i % d} (10.0.x.y:8000+), so every (destination, local port) pair is distinct. Allocates
 * nothing per row.
 */
final class SyntheticSocketTable extends InputStream {
    private static final byte[] HEADER = ("  sl  local_address                         remote_address                   "
            + "     st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROW = ("000000: 0000000000000000FFFF00000100007F:0000 0000000000000000FFFF00000000000A:"
            + "0000 06 00000000:00000000 03:00000D2A 00000000     0        0 0 3 0000000000000000\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final int rows;
    private final int destinations;
    private final int lowPort;
    private final byte[] row = ROW.clone();
    private int next = -1; // -1: the header
    private byte[] current = HEADER;
    private int pos;

    SyntheticSocketTable(int rows, int destinations, int lowPort) {
        this.rows = rows;
        this.destinations = destinations;
        this.lowPort = lowPort;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n = 0;
        while (n < len) {
            if (pos == current.length) {
                if (++next >= rows) {
                    return n == 0 ? -1 : n;
                }
                fill(next);
                current = row;
                pos = 0;
            }
            int chunk = Math.min(len - n, current.length - pos);
            System.arraycopy(current, pos, b, off + n, chunk);
            pos += chunk;
            n += chunk;
        }
        return n;
    }

    private void fill(int i) {
        int slot = i % 1_000_000;
        for (int d = 5; d >= 0; d--) {
            row[d] = (byte) ('0' + slot % 10);
            slot /= 10;
        }
        int destination = i % destinations;
        hex4(41, lowPort + i / destinations);
        // remote IPv4 word, little-endian bytes as /proc prints them: 10.0.hi.lo -> "lohi000A"
        hex2(70, destination & 0xFF);
        hex2(72, destination >>> 8);
        hex4(79, 8000 + destination % 1000);
        hex2(84, i % 10 == 0 ? 0x01 : 0x06);
    }

    private void hex2(int at, int v) {
        row[at] = HEX[(v >>> 4) & 0xF];
        row[at + 1] = HEX[v & 0xF];
    }

    private void hex4(int at, int v) {
        hex2(at, (v >>> 8) & 0xFF);
        hex2(at + 2, v & 0xFF);
    }
}
