package dev.portguard.core.internal.procfs;

import dev.portguard.core.headroom.PortRange;
import dev.portguard.core.headroom.RemotePorts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What the socket tables add up to: sockets by state, ports inside the range that listeners and other bind()
 * users own, and local ports inside the range held toward each remote endpoint. Fed one socket at a time by
 * {@link SocketTableParser}; allocation-free per socket (open addressing over primitive arrays) and bounded by
 * the destinations it reports, never by the sockets it is fed: past {@code maxRemotes} distinct endpoints, further
 * sockets are only counted in {@link #untrackedSockets()}, and the memory of repeats is of a fixed size.
 */
public final class SocketTally {
    static final int STATE_ESTABLISHED = 0x01;
    static final int STATE_TIME_WAIT = 0x06;
    static final int STATE_LISTEN = 0x0A;
    private static final String[] STATE_NAMES = {"UNKNOWN_0", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
            "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV",
            "BOUND_INACTIVE", "UNKNOWN_14", "UNKNOWN_15"};

    private final PortRange range;
    private final int maxRemotes;
    private final int[] byState = new int[16];
    private final BitSet bound;
    private int malformed;
    private int untracked;

    // Open addressing: remote address as two longs (the /proc words, IPv4 stored as IPv4-mapped) plus port.
    private long[] keyHi;
    private long[] keyLo;
    private int[] keyPort;
    private int[] held;
    private int[] timeWait;
    private int size;
    // (remote, local port) pairs already counted. The kernel lists a table while sockets move in it, so a socket
    // going from FIN_WAIT2 to TIME_WAIT during the read can be listed twice; a local port toward one remote is held
    // once whatever the listing says. Such a repeat comes within a few lines of the first listing (the same hash
    // bucket, around the boundary of one read), so only the most recent pairs are remembered: two generations of a
    // fixed size, the older dropped when the newer fills. Memory stays the same for a table of a million sockets.
    private static final int SEEN_SLOTS = 1 << 15;
    private long[] seen = new long[256]; // grows to SEEN_SLOTS, then generations turn over
    private long[] seenBefore;
    private int seenSize;

    /**
     * @param range      the ephemeral range; {@code null} when unknown (then only states are counted)
     * @param maxRemotes distinct remote endpoints tracked at most
     */
    public SocketTally(PortRange range, int maxRemotes) {
        this.range = range;
        this.maxRemotes = Math.max(1, maxRemotes);
        this.bound = new BitSet(range == null ? 0 : range.size());
        allocate(64);
    }

    /**
     * One socket. Remote words are the four 32-bit words of the address as /proc prints them; an IPv4 socket passes
     * {@code 0, 0, 0xFFFF0000, word} so it meets its IPv4-mapped twin from the IPv6 table.
     */
    void add(int state, int localPort, long w0, long w1, long w2, long w3, int remotePort) {
        byState[state & 0xF]++;
        if (range == null || !range.contains(localPort)) {
            return;
        }
        int offset = localPort - range.low();
        boolean noRemote = remotePort == 0 && (w0 | w1 | w3) == 0 && (w2 == 0 || w2 == 0xFFFF0000L);
        if (state == STATE_LISTEN || noRemote) {
            bound.set(offset); // a listener or a bound, unconnected socket owns the port for every destination
            return;
        }
        if (bound.get(offset)) {
            return; // accepted by a listener on this port: it took no ephemeral port (listeners are printed first)
        }
        long hi = (w0 << 32) | w1;
        long lo = (w2 << 32) | w3;
        if (!firstSighting(hi, lo, remotePort, localPort)) {
            return;
        }
        count(hi, lo, remotePort, state == STATE_TIME_WAIT);
    }

    private boolean firstSighting(long hi, long lo, int remotePort, int localPort) {
        long h = hi * 0x9E3779B97F4A7C15L + lo * 0xC2B2AE3D27D4EB4FL + remotePort * 0x165667B19E3779F9L
                + localPort * 0x27D4EB2F165667C5L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        if (h == 0) {
            h = 1; // 0 marks an empty slot
        }
        if (seenBefore != null && contains(seenBefore, h)) {
            return false;
        }
        if (contains(seen, h)) {
            return false;
        }
        if ((seenSize + 1) * 2 > seen.length) {
            if (seen.length < SEEN_SLOTS) {
                seen = rehash(seen, seen.length * 2);
            } else {
                long[] older = seenBefore;
                seenBefore = seen;
                seen = older == null ? new long[SEEN_SLOTS] : older;
                java.util.Arrays.fill(seen, 0L);
                seenSize = 0;
            }
        }
        insert(seen, h);
        seenSize++;
        return true;
    }

    private static long[] rehash(long[] old, int slots) {
        long[] table = new long[slots];
        for (long v : old) {
            if (v != 0) {
                insert(table, v);
            }
        }
        return table;
    }

    private static void insert(long[] set, long h) {
        int mask = set.length - 1;
        int i = (int) h & mask;
        while (set[i] != 0) {
            i = (i + 1) & mask;
        }
        set[i] = h;
    }

    private static boolean contains(long[] set, long h) {
        int mask = set.length - 1;
        int i = (int) h & mask;
        while (set[i] != 0) {
            if (set[i] == h) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    void malformedLine() {
        malformed++;
    }

    private void count(long hi, long lo, int port, boolean tw) {
        int mask = keyPort.length - 1;
        int i = hash(hi, lo, port) & mask;
        while (keyPort[i] != 0) {
            if (keyPort[i] == port && keyHi[i] == hi && keyLo[i] == lo) {
                held[i]++;
                if (tw) {
                    timeWait[i]++;
                }
                return;
            }
            i = (i + 1) & mask;
        }
        if (size >= maxRemotes) {
            untracked++;
            return;
        }
        keyHi[i] = hi;
        keyLo[i] = lo;
        keyPort[i] = port;
        held[i] = 1;
        timeWait[i] = tw ? 1 : 0;
        size++;
        if (size * 2 > keyPort.length) {
            grow();
        }
    }

    private static int hash(long hi, long lo, int port) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL ^ port * 0x165667B19E3779F9L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    private void allocate(int capacity) {
        keyHi = new long[capacity];
        keyLo = new long[capacity];
        keyPort = new int[capacity];
        held = new int[capacity];
        timeWait = new int[capacity];
    }

    private void grow() {
        long[] hi = keyHi;
        long[] lo = keyLo;
        int[] port = keyPort;
        int[] h = held;
        int[] tw = timeWait;
        allocate(port.length * 2);
        int mask = keyPort.length - 1;
        for (int j = 0; j < port.length; j++) {
            if (port[j] != 0) {
                int i = hash(hi[j], lo[j], port[j]) & mask;
                while (keyPort[i] != 0) {
                    i = (i + 1) & mask;
                }
                keyHi[i] = hi[j];
                keyLo[i] = lo[j];
                keyPort[i] = port[j];
                held[i] = h[j];
                timeWait[i] = tw[j];
            }
        }
    }

    /** Sockets in {@code state} (the /proc code, 0x01 ESTABLISHED ... 0x0B CLOSING). */
    public int inState(int state) {
        return byState[state & 0xF];
    }

    /** State name to count, states with no socket left out. */
    public java.util.Map<String, Integer> byStateName() {
        java.util.Map<String, Integer> map = new java.util.LinkedHashMap<>();
        for (int s = 0; s < byState.length; s++) {
            if (byState[s] > 0) {
                map.put(STATE_NAMES[s], byState[s]);
            }
        }
        return map;
    }

    /** Ports inside the range owned by listeners or bound, unconnected sockets. */
    public BitSet boundInRange() {
        return (BitSet) bound.clone();
    }

    /** Sockets fed so far, in every state. */
    public long sockets() {
        long n = 0;
        for (int c : byState) {
            n += c;
        }
        return n;
    }

    public int malformedLines() {
        return malformed;
    }

    /** Sockets toward remote endpoints past the tracking limit. */
    public int untrackedSockets() {
        return untracked;
    }

    /** The remote endpoints, most ports held first. */
    public List<RemotePorts> remotes() {
        List<RemotePorts> list = new ArrayList<>(size);
        for (int i = 0; i < keyPort.length; i++) {
            if (keyPort[i] != 0) {
                InetAddress address = address(keyHi[i], keyLo[i]);
                if (address != null) {
                    list.add(new RemotePorts(address, keyPort[i], held[i], timeWait[i]));
                }
            }
        }
        list.sort((a, b) -> b.portsHeld() != a.portsHeld() ? Integer.compare(b.portsHeld(), a.portsHeld())
                : a.endpoint().compareTo(b.endpoint()));
        return list;
    }

    /**
     * The words as /proc prints them hold the address bytes in host (little-endian) order within each 32-bit word,
     * so each word's bytes are reversed. A 16-byte IPv4-mapped address comes back as an Inet4Address.
     */
    static InetAddress address(long hi, long lo) {
        byte[] bytes = new byte[16];
        long[] words = {hi >>> 32, hi & 0xFFFFFFFFL, lo >>> 32, lo & 0xFFFFFFFFL};
        for (int w = 0; w < 4; w++) {
            long word = words[w];
            for (int b = 0; b < 4; b++) {
                bytes[w * 4 + b] = (byte) (word >>> (8 * b));
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null; // cannot happen for 16 bytes
        }
    }
}
