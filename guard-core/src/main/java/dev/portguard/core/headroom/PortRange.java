package dev.portguard.core.headroom;

/**
 * The ephemeral port range, {@code net.ipv4.ip_local_port_range}: the local ports {@code connect()} picks from
 * when the application did not {@code bind()} one.
 *
 * @param low  first port of the range
 * @param high last port of the range, inclusive
 */
public record PortRange(int low, int high) {
    public PortRange {
        if (low < 1 || high > 65535 || high < low) {
            throw new IllegalArgumentException("not a port range: " + low + "-" + high);
        }
    }

    /** Ports in the range. */
    public int size() {
        return high - low + 1;
    }

    public boolean contains(int port) {
        return port >= low && port <= high;
    }

    @Override
    public String toString() {
        return low + "-" + high;
    }
}
