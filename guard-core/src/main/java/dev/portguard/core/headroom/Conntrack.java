package dev.portguard.core.headroom;

/**
 * Connection tracking as this network namespace shows it (a node agent with host networking sees the node's).
 * {@code -1} means unreadable; the reason is in {@link HostPorts#unknown()}.
 *
 * @param count        {@code nf_conntrack_count}
 * @param max          {@code nf_conntrack_max}
 * @param insertFailed {@code insert_failed} summed over CPUs: rises when SNAT finds no free port
 * @param drop         {@code drop} summed over CPUs
 */
public record Conntrack(long count, long max, long insertFailed, long drop) {
    public static final Conntrack UNKNOWN = new Conntrack(-1, -1, -1, -1);

    /** count / max, or -1 when either is unknown. */
    public double usage() {
        return count >= 0 && max > 0 ? (double) count / max : -1;
    }
}
