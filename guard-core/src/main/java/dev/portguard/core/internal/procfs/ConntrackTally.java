package dev.portguard.core.internal.procfs;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conntrack table summed by key, never kept per entry: entries per flow (zone, protocol, original source, the
 * destination, the address SNAT put on it), and the distinct translated source ports per (zone, node address,
 * destination). Memory is bounded by the key caps whatever the table's size: past them, entries are still counted
 * in the totals and in {@link #overflowEntries()}. A hit allocates nothing (one scratch key is reused). Not
 * thread-safe: one tally per reading.
 */
public final class ConntrackTally {
    /** TCP states in conntrack's own names; index {@link #OTHER} is every non-TCP entry. */
    public static final List<String> STATES = List.of("NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
            "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2", "UNTRACKED_TCP", "OTHER");
    public static final int ESTABLISHED = 3;
    public static final int TIME_WAIT = 7;
    public static final int OTHER = 11;
    static final int UNKNOWN_TCP_STATE = 10;
    private static final int MALFORMED_SAMPLES = 3;

    private final int maxFlows;
    private final int maxSnatKeys;
    private final Key probe = new Key();
    private final Map<Key, long[]> flows = new HashMap<>();
    private final Map<Key, SnatUse> snat = new HashMap<>();
    private final long[] states = new long[STATES.size()];
    private final List<String> malformedSamples = new ArrayList<>();
    private long entries;
    private long ipv6;
    private long zoned;
    private long malformed;
    private long overflowEntries;

    /**
     * @param maxFlows    flows kept (each about 150 bytes)
     * @param maxSnatKeys (node address, destination) pairs kept, each with a bit per port (at most 8 KB)
     */
    public ConntrackTally(int maxFlows, int maxSnatKeys) {
        this.maxFlows = maxFlows;
        this.maxSnatKeys = maxSnatKeys;
    }

    /** Caps that hold a busy node's keys in a few megabytes: 20,000 flows, 256 SNAT pairs. */
    public static ConntrackTally bounded() {
        return new ConntrackTally(20_000, 256);
    }

    /**
     * One entry. Addresses are {@link IpText} pairs; {@code state} an index in {@link #STATES}; ports 0 where the
     * protocol has none. The entry is SNAT'ed when the reply goes to another address or port than the original
     * came from.
     */
    void add(int zone, int proto, boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int sport, int dport,
             long replyDstHi, long replyDstLo, int replyDport, int state, long timeoutSeconds) {
        entries++;
        states[state]++;
        if (v6) {
            ipv6++;
        }
        if (zone != 0) {
            zoned++;
        }
        boolean natted = replyDstHi != srcHi || replyDstLo != srcLo || replyDport != sport;
        probe.set(zone, proto, srcHi, srcLo, dstHi, dstLo, dport, replyDstHi, replyDstLo);
        long[] flow = flows.get(probe);
        if (flow == null) {
            if (flows.size() >= maxFlows) {
                overflowEntries++;
            } else {
                flow = new long[3];
                flows.put(probe.copy(), flow);
            }
        }
        if (flow != null) {
            flow[0]++;
            if (natted) {
                flow[1]++;
            }
            if (state == TIME_WAIT) {
                flow[2]++;
            }
        }
        if (!natted) {
            return;
        }
        probe.set(zone, proto, 0, 0, dstHi, dstLo, dport, replyDstHi, replyDstLo);
        SnatUse use = snat.get(probe);
        if (use == null) {
            if (snat.size() >= maxSnatKeys) {
                if (flow != null) {
                    overflowEntries++;
                }
                return;
            }
            use = new SnatUse();
            snat.put(probe.copy(), use);
        }
        use.ports.set(replyDport);
        use.entries++;
        if (state == TIME_WAIT) {
            use.timeWait++;
            use.timeWaitLongestLeft = Math.max(use.timeWaitLongestLeft, timeoutSeconds);
        }
    }

    void malformed(String why) {
        malformed++;
        if (malformedSamples.size() < MALFORMED_SAMPLES) {
            malformedSamples.add(why);
        }
    }

    public long entries() {
        return entries;
    }

    public long ipv6Entries() {
        return ipv6;
    }

    /** Entries in a conntrack zone other than 0 (each zone is its own table: its SNAT ports are its own). */
    public long zonedEntries() {
        return zoned;
    }

    public long malformedLines() {
        return malformed;
    }

    /** Up to three reasons, from the first malformed lines. */
    public List<String> malformedSamples() {
        return List.copyOf(malformedSamples);
    }

    /** Entries whose flow or SNAT pair found its table full: counted in the totals, not by key. */
    public long overflowEntries() {
        return overflowEntries;
    }

    /** Entries by state, in {@link #STATES} order. */
    public long[] states() {
        return states.clone();
    }

    /** Every flow kept. */
    public List<Flow> flows() {
        List<Flow> list = new ArrayList<>(flows.size());
        flows.forEach((k, v) -> list.add(new Flow(k.zone, k.proto, IpText.format(k.srcHi, k.srcLo),
                IpText.format(k.dstHi, k.dstLo), k.dport, IpText.format(k.natHi, k.natLo), v[0], v[1], v[2])));
        return list;
    }

    /** Every (zone, node address, destination) with SNAT'ed entries. */
    public List<Snat> snat() {
        List<Snat> list = new ArrayList<>(snat.size());
        snat.forEach((k, v) -> list.add(new Snat(k.zone, k.proto, IpText.format(k.natHi, k.natLo),
                IpText.format(k.dstHi, k.dstLo), k.dport, v.ports.cardinality(), v.entries, v.timeWait,
                v.timeWaitLongestLeft, v.ports.isEmpty() ? -1 : v.ports.nextSetBit(0),
                v.ports.isEmpty() ? -1 : v.ports.length() - 1)));
        return list;
    }

    /**
     * Entries from one original source toward one destination, and how SNAT left it.
     *
     * @param nattedEntries of {@code entries}, those SNAT translated to {@code natAddress} (each holds one of its
     *                      ports toward the destination)
     */
    public record Flow(int zone, int proto, String source, String destination, int port, String natAddress,
                       long entries, long nattedEntries, long timeWait) {
    }

    /**
     * The translated source ports of one node address toward one destination.
     *
     * @param portsInUse          distinct translated ports
     * @param timeWaitLongestLeft seconds until the last TIME_WAIT entry among them expires
     */
    public record Snat(int zone, int proto, String natAddress, String destination, int port, int portsInUse,
                       long entries, long timeWait, long timeWaitLongestLeft, int lowestPort, int highestPort) {
    }

    private static final class SnatUse {
        final BitSet ports = new BitSet();
        long entries;
        long timeWait;
        long timeWaitLongestLeft;
    }

    /** A mutable key: the tally's one scratch instance probes, and a copy is stored on a miss. */
    private static final class Key {
        int zone;
        int proto;
        long srcHi;
        long srcLo;
        long dstHi;
        long dstLo;
        int dport;
        long natHi;
        long natLo;

        void set(int zone, int proto, long srcHi, long srcLo, long dstHi, long dstLo, int dport, long natHi,
                 long natLo) {
            this.zone = zone;
            this.proto = proto;
            this.srcHi = srcHi;
            this.srcLo = srcLo;
            this.dstHi = dstHi;
            this.dstLo = dstLo;
            this.dport = dport;
            this.natHi = natHi;
            this.natLo = natLo;
        }

        Key copy() {
            Key k = new Key();
            k.set(zone, proto, srcHi, srcLo, dstHi, dstLo, dport, natHi, natLo);
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.zone == zone && k.proto == proto && k.srcHi == srcHi && k.srcLo == srcLo
                    && k.dstHi == dstHi && k.dstLo == dstLo && k.dport == dport && k.natHi == natHi
                    && k.natLo == natLo;
        }

        @Override
        public int hashCode() {
            long h = zone * 31L + proto;
            h = h * 1_000_003L ^ srcHi;
            h = h * 1_000_003L ^ srcLo;
            h = h * 1_000_003L ^ dstHi;
            h = h * 1_000_003L ^ dstLo;
            h = h * 1_000_003L ^ dport;
            h = h * 1_000_003L ^ natHi;
            h = h * 1_000_003L ^ natLo;
            return (int) (h ^ (h >>> 32));
        }
    }
}
