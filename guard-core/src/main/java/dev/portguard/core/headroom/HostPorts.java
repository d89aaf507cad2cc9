package dev.portguard.core.headroom;

import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the kernel says about local ports at one moment, in the reader's network namespace (inside a pod: the
 * pod's). Immutable. Numbers that could not be read are {@code -1} (or {@code null} for {@link #portRange()}),
 * with the reason under the source's name in {@link #unknown()}: a probe on a Linux host never fails as a whole.
 */
public final class HostPorts {
    private final Instant probedAt;
    private final boolean available;
    private final PortRange portRange;
    private final int reservedInRange;
    private final int boundInRange;
    private final Map<String, Integer> socketsByState;
    private final int timeWait;
    private final int established;
    private final TimeWaitSettings timeWaitSettings;
    private final TimeWaitCounters counters;
    private final Conntrack conntrack;
    private final List<RemotePorts> remotes;
    private final int malformedLines;
    private final Map<String, String> unknown;
    private final Map<Endpoint, RemotePorts> byEndpoint = new HashMap<>();

    /** Built by the probe; see the accessors for what each value means. */
    public HostPorts(Instant probedAt, boolean available, PortRange portRange, int reservedInRange,
                     int boundInRange, Map<String, Integer> socketsByState, int timeWait, int established,
                     TimeWaitSettings timeWaitSettings, TimeWaitCounters counters, Conntrack conntrack,
                     List<RemotePorts> remotes, int malformedLines, Map<String, String> unknown) {
        this.probedAt = probedAt;
        this.available = available;
        this.portRange = portRange;
        this.reservedInRange = reservedInRange;
        this.boundInRange = boundInRange;
        this.socketsByState = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(socketsByState));
        this.timeWait = timeWait;
        this.established = established;
        this.timeWaitSettings = timeWaitSettings;
        this.counters = counters;
        this.conntrack = conntrack;
        this.remotes = List.copyOf(remotes);
        this.malformedLines = malformedLines;
        this.unknown = Map.copyOf(unknown);
        for (RemotePorts r : this.remotes) {
            byEndpoint.put(new Endpoint(r.address(), r.port()), r);
        }
    }

    /** A host with nothing to read, for {@code reason}. */
    public static HostPorts unavailable(Instant at, String reason) {
        return new HostPorts(at, false, null, -1, -1, Map.of(), -1, -1,
                new TimeWaitSettings(-1, -1, -1, -1, -1, TimeWaitSettings.TIME_WAIT_SECONDS),
                TimeWaitCounters.UNKNOWN, Conntrack.UNKNOWN, List.of(), 0, Map.of("host", reason));
    }

    /** When it was read. */
    public Instant probedAt() {
        return probedAt;
    }

    /** False when this host has no {@code /proc} to read (not Linux): then nothing else is known. */
    public boolean available() {
        return available;
    }

    /** {@code ip_local_port_range}, or {@code null} when unreadable. */
    public PortRange portRange() {
        return portRange;
    }

    /** Ports of {@code ip_local_reserved_ports} inside the range. */
    public int reservedInRange() {
        return reservedInRange;
    }

    /**
     * Other ports inside the range that no connect can take: listeners and other {@code bind()} users, not counting
     * reserved ones; -1 when the socket tables were not read.
     */
    public int boundInRange() {
        return boundInRange;
    }

    /** Range - reserved - bound: the most local ports any one destination can use; -1 when unknown. */
    public int usablePorts() {
        if (portRange == null || reservedInRange < 0 || boundInRange < 0) {
            return -1;
        }
        return Math.max(0, portRange.size() - reservedInRange - boundInRange);
    }

    /** True when the socket tables were read, so ports held per destination are known. */
    public boolean socketsRead() {
        return boundInRange >= 0;
    }

    /** TCP sockets (IPv4 and IPv6) by state name ({@code ESTABLISHED}, {@code TIME_WAIT}, ...); empty when unread. */
    public Map<String, Integer> socketsByState() {
        return socketsByState;
    }

    /** TIME_WAIT sockets in this network namespace ({@code /proc/net/sockstat} tw, IPv4 and IPv6). */
    public int timeWait() {
        return timeWait;
    }

    /** ESTABLISHED sockets, from the socket tables. */
    public int established() {
        return established;
    }

    public TimeWaitSettings timeWaitSettings() {
        return timeWaitSettings;
    }

    public TimeWaitCounters counters() {
        return counters;
    }

    public Conntrack conntrack() {
        return conntrack;
    }

    /** Remote endpoints by ports held toward them, most first (at most the probe's limit). */
    public List<RemotePorts> remotes() {
        return remotes;
    }

    /** Socket table lines that could not be parsed and were skipped. */
    public int malformedLines() {
        return malformedLines;
    }

    /** Source name (such as {@code conntrack} or {@code /proc/net/tcp6}) to the reason it is unknown. */
    public Map<String, String> unknown() {
        return unknown;
    }

    /** Ports held toward {@code address:port}: 0 when none, -1 when the socket tables were not read. */
    public int portsHeld(InetAddress address, int port) {
        if (!socketsRead()) {
            return -1;
        }
        RemotePorts r = byEndpoint.get(new Endpoint(address, port));
        return r == null ? 0 : r.portsHeld();
    }

    /** TIME_WAIT sockets toward {@code address:port}, or -1 when the socket tables were not read. */
    public int timeWait(InetAddress address, int port) {
        if (!socketsRead()) {
            return -1;
        }
        RemotePorts r = byEndpoint.get(new Endpoint(address, port));
        return r == null ? 0 : r.timeWait();
    }

    /** Ports a new connect toward a destination already holding {@code portsHeld} can still take; -1 when unknown. */
    public int headroom(int portsHeld) {
        int usable = usablePorts();
        if (usable < 0 || portsHeld < 0) {
            return -1;
        }
        return Math.max(0, usable - portsHeld);
    }

    /**
     * A map key. Its {@code equals} and {@code hashCode} are written out: a record's generated ones are bootstrapped
     * through method handles at first use, tens of milliseconds of the probe's first reading.
     */
    private record Endpoint(InetAddress address, int port) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Endpoint e && e.port == port && Objects.equals(e.address, address);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(address) * 31 + port;
        }
    }
}
