package dev.portguard.core.node;

import dev.portguard.core.internal.procfs.ConntrackTally;
import dev.portguard.core.internal.procfs.SnatRules;

import java.util.List;
import java.util.Map;

/**
 * One reading of the node: the conntrack table summed by key, the conntrack counters twice (so a rising
 * {@code insert_failed} shows), the TIME_WAIT hold, and the SNAT port range with where it came from. {@code -1} is
 * unknown, and {@link #unknown()} says why.
 *
 * @param tableSource    where the entries came from ({@code /proc/net/nf_conntrack} or {@code conntrack -L})
 * @param tally          the entries, summed; null when the table could not be read
 * @param countersBefore {@code /proc/net/stat/nf_conntrack} summed over CPUs at the start
 * @param countersAfter  the same at the end, {@code elapsedSeconds} later
 * @param timeWaitHold   {@code nf_conntrack_tcp_timeout_time_wait}, seconds (120 by default)
 * @param rangeLow       the SNAT range's first port (1024 when no rule names one)
 * @param rangeSource    how the range was found, in words
 * @param rules          the source NAT rules found
 */
public record NodeReading(String tableSource, ConntrackTally tally, Map<String, Long> countersBefore,
                          Map<String, Long> countersAfter, double elapsedSeconds, long count, long max,
                          long timeWaitHold, int rangeLow, int rangeHigh, String rangeSource,
                          List<SnatRules.Rule> rules, Map<String, String> unknown) {
    /** The kernel's search range for a source NAT rule without {@code --to-ports}. */
    public static final int DEFAULT_LOW = 1024;
    public static final int DEFAULT_HIGH = 65535;
    public static final long DEFAULT_TIME_WAIT_HOLD = 120;

    public int rangeSize() {
        return rangeHigh - rangeLow + 1;
    }

    /** A counter's value at the end of the reading, -1 when unreadable. */
    public long counter(String name) {
        Long v = countersAfter.get(name);
        return v == null ? -1 : v;
    }

    /** How much a counter rose during the reading, -1 when unreadable. */
    public long rise(String name) {
        Long before = countersBefore.get(name);
        Long after = countersAfter.get(name);
        return before == null || after == null ? -1 : Math.max(0, after - before);
    }
}
