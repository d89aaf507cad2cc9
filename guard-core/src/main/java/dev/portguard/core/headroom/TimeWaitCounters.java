package dev.portguard.core.headroom;

/**
 * TIME_WAIT counters since boot from {@code /proc/net/netstat} (TcpExt); {@code -1} when unreadable.
 *
 * @param timeWaitsEnded     {@code TW}: TIME_WAIT sockets that finished their timer
 * @param recycled           {@code TWRecycled}: TIME_WAIT ports taken over by a new connect
 * @param overflow           {@code TCPTimeWaitOverflow}: TIME_WAIT sockets not kept because of tcp_max_tw_buckets
 */
public record TimeWaitCounters(long timeWaitsEnded, long recycled, long overflow) {
    public static final TimeWaitCounters UNKNOWN = new TimeWaitCounters(-1, -1, -1);
}
