package dev.portguard.core.internal.procfs;

import dev.portguard.core.headroom.PortRange;
import dev.portguard.core.internal.text.Quoted;

import java.util.BitSet;

/**
 * {@code ip_local_reserved_ports}: a comma list of ports and ranges ({@code 8080,9000-9100}), often empty. Only the
 * part inside the ephemeral range matters: connect() skips those ports.
 */
public final class ReservedPorts {
    private ReservedPorts() {
    }

    /**
     * The reserved ports inside {@code range}, as offsets from {@code range.low()}.
     *
     * @throws IllegalArgumentException naming the first item that is neither a port nor a range of ports
     */
    public static BitSet inRange(String text, PortRange range) {
        BitSet set = new BitSet(range.size());
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return set;
        }
        for (String item : trimmed.split(",")) {
            String s = item.trim();
            int dash = s.indexOf('-');
            int from;
            int to;
            try {
                if (dash < 0) {
                    from = KernelCounters.count(s);
                    to = from;
                } else {
                    from = KernelCounters.count(s.substring(0, dash).trim());
                    to = KernelCounters.count(s.substring(dash + 1).trim());
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port or port range: " + Quoted.of(s, 32));
            }
            if (from < 0 || to > 65535 || to < from) {
                throw new IllegalArgumentException("not a port or port range: " + Quoted.of(s, 32));
            }
            int lo = Math.max(from, range.low());
            int hi = Math.min(to, range.high());
            if (lo <= hi) {
                set.set(lo - range.low(), hi - range.low() + 1);
            }
        }
        return set;
    }
}
