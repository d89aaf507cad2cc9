package dev.portguard.core.headroom;

import dev.portguard.core.internal.procfs.KernelCounters;
import dev.portguard.core.internal.procfs.ReservedPorts;
import dev.portguard.core.internal.procfs.SocketTableParser;
import dev.portguard.core.internal.procfs.SocketTally;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what the kernel knows about local ports: the range, reserved ports, TIME_WAIT settings, sockets by state and
 * ports held per remote endpoint, TIME_WAIT counters and conntrack usage. One call is one reading, on the caller's
 * thread; the guard calls it from its own probe thread and hooks only read the result. Never throws: a source that
 * cannot be read or parsed leaves its values unknown, with the reason in {@link HostPorts#unknown()}.
 */
public final class PortHeadroomProbe {
    /** Distinct remote endpoints tracked per reading; a host with more is a host with bigger problems. */
    public static final int DEFAULT_MAX_REMOTES = 4096;
    private static final int SMALL_FILE_LIMIT = 1 << 20;

    private final Path proc;
    private final boolean checkOs;
    private final int maxRemotes;
    private final SocketTableParser parser = new SocketTableParser();

    private PortHeadroomProbe(Path proc, boolean checkOs, int maxRemotes) {
        this.proc = proc;
        this.checkOs = checkOs;
        this.maxRemotes = maxRemotes;
    }

    /** Reads this host's {@code /proc} (this process's network namespace). */
    public static PortHeadroomProbe ofHost() {
        return new PortHeadroomProbe(Path.of("/proc"), true, DEFAULT_MAX_REMOTES);
    }

    /** Reads a directory laid out like {@code /proc} ({@code net/tcp}, {@code sys/net/ipv4/...}): for tests. */
    public static PortHeadroomProbe ofRoot(Path procRoot) {
        return new PortHeadroomProbe(procRoot, false, DEFAULT_MAX_REMOTES);
    }

    /** True when this JVM runs on Linux, the only system whose ports the probe can read. */
    public static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** A full reading, socket tables included. */
    public HostPorts read() {
        return read(true);
    }

    /**
     * One reading. Without {@code scanSockets} only the constant-time sources are read (sysctls, sockstat,
     * counters), and nothing is known per destination.
     */
    public HostPorts read(boolean scanSockets) {
        return read(scanSockets, () -> { });
    }

    /**
     * Like {@link #read(boolean)}, running {@code beforeSocketScan} just before the socket tables are read, so a
     * caller can pair the reading with its own counters taken as close to it as possible.
     */
    public synchronized HostPorts read(boolean scanSockets, Runnable beforeSocketScan) {
        Instant now = Instant.now();
        try {
            if (checkOs && !isLinux()) {
                return HostPorts.unavailable(now, "not Linux (os.name=" + System.getProperty("os.name")
                        + "): no /proc to read ephemeral ports from");
            }
            if (!Files.isDirectory(proc.resolve("net"))) {
                return HostPorts.unavailable(now, proc.resolve("net") + " is missing: /proc is not mounted here");
            }
            return readLinux(now, scanSockets, beforeSocketScan);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            return HostPorts.unavailable(now, "probe failed: " + e);
        }
    }

    private HostPorts readLinux(Instant now, boolean scanSockets, Runnable beforeSocketScan) {
        Map<String, String> unknown = new LinkedHashMap<>();

        PortRange range = null;
        String rangeText = small("sys/net/ipv4/ip_local_port_range", unknown);
        if (rangeText != null) {
            String[] parts = rangeText.trim().split("\\s+");
            try {
                range = new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            } catch (RuntimeException e) {
                unknown.put("ip_local_port_range", "malformed: '" + rangeText.trim() + "'");
            }
        }

        BitSet reserved = null;
        int reservedInRange = -1;
        String reservedText = small("sys/net/ipv4/ip_local_reserved_ports", unknown);
        if (reservedText != null && range != null) {
            try {
                reserved = ReservedPorts.inRange(reservedText, range);
                reservedInRange = reserved.cardinality();
            } catch (IllegalArgumentException e) {
                unknown.put("ip_local_reserved_ports", "malformed: " + e.getMessage());
            }
        }

        TimeWaitSettings settings = new TimeWaitSettings(
                sysctlInt("tcp_tw_reuse", unknown, true),
                sysctlInt("tcp_tw_reuse_delay", unknown, false),
                sysctlInt("tcp_timestamps", unknown, true),
                sysctlInt("tcp_fin_timeout", unknown, true),
                sysctlInt("tcp_max_tw_buckets", unknown, true),
                timeWaitSeconds(unknown));

        int timeWait = -1;
        String sockstat = small("net/sockstat", unknown);
        if (sockstat != null) {
            Long tw = KernelCounters.sockstat(sockstat, "TCP:").get("tw");
            if (tw != null) {
                timeWait = (int) Math.min(Integer.MAX_VALUE, tw);
            } else {
                unknown.put("sockstat", "no 'TCP: ... tw N' line");
            }
        }

        TimeWaitCounters counters = TimeWaitCounters.UNKNOWN;
        String netstat = small("net/netstat", unknown);
        if (netstat != null) {
            Map<String, Long> ext = KernelCounters.table(netstat, "TcpExt:");
            counters = new TimeWaitCounters(ext.getOrDefault("TW", -1L), ext.getOrDefault("TWRecycled", -1L),
                    ext.getOrDefault("TCPTimeWaitOverflow", -1L));
            if (ext.isEmpty()) {
                unknown.put("netstat", "no TcpExt lines");
            }
        }

        Conntrack conntrack = conntrack(unknown);

        int boundInRange = -1;
        int established = -1;
        Map<String, Integer> byState = Map.of();
        java.util.List<RemotePorts> remotes = java.util.List.of();
        int malformed = 0;
        if (scanSockets) {
            beforeSocketScan.run();
            SocketTally tally = new SocketTally(range, maxRemotes);
            boolean anyTable = false;
            for (String table : new String[] {"net/tcp", "net/tcp6"}) {
                anyTable |= scan(table, tally, unknown);
            }
            if (anyTable) {
                byState = tally.byStateName();
                established = tally.inState(0x01);
                remotes = tally.remotes();
                malformed = tally.malformedLines();
                if (range != null) {
                    BitSet bound = tally.boundInRange();
                    if (reserved != null) {
                        bound.andNot(reserved); // a reserved listener port is counted once, as reserved
                    }
                    boundInRange = bound.cardinality();
                }
                if (tally.untrackedSockets() > 0) {
                    unknown.put("remotes", tally.untrackedSockets() + " sockets toward more than " + maxRemotes
                            + " remote endpoints were not attributed");
                }
            }
        }
        return new HostPorts(now, true, range, reservedInRange, boundInRange, byState, timeWait, established,
                settings, counters, conntrack, remotes, malformed, unknown);
    }

    private boolean scan(String table, SocketTally tally, Map<String, String> unknown) {
        Path file = proc.resolve(table);
        try (InputStream in = Files.newInputStream(file)) {
            parser.parse(in, tally);
            return true;
        } catch (NoSuchFileException e) {
            // no IPv6 (or no IPv4) in this kernel: nothing to count there
            unknown.put(shortName(table), "missing");
            return false;
        } catch (IOException | RuntimeException e) {
            unknown.put(shortName(table), "unreadable: " + e.getMessage());
            return false;
        }
    }

    private int timeWaitSeconds(Map<String, String> unknown) {
        // Only some vendor kernels make TIME_WAIT's length a setting; everywhere else it is fixed at 60 s.
        Map<String, String> ignored = new LinkedHashMap<>();
        String text = small("sys/net/ipv4/tcp_tw_timeout", ignored);
        if (text == null) {
            return TimeWaitSettings.TIME_WAIT_SECONDS;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            unknown.put("tcp_tw_timeout", "malformed: '" + text.trim() + "'");
            return TimeWaitSettings.TIME_WAIT_SECONDS;
        }
    }

    private Conntrack conntrack(Map<String, String> unknown) {
        Map<String, String> missing = new LinkedHashMap<>();
        String count = small("sys/net/netfilter/nf_conntrack_count", missing);
        String max = small("sys/net/netfilter/nf_conntrack_max", missing);
        if (count == null || max == null) {
            unknown.put("conntrack", "nf_conntrack_count/max not readable: conntrack is not loaded, or not visible"
                    + " in this network namespace (a pod sees its node's SNAT only with host networking)");
            return Conntrack.UNKNOWN;
        }
        long insertFailed = -1;
        long drop = -1;
        String stat = small("net/stat/nf_conntrack", missing);
        if (stat != null) {
            Map<String, Long> sums = KernelCounters.perCpuHex(stat);
            insertFailed = sums.getOrDefault("insert_failed", -1L);
            drop = sums.getOrDefault("drop", -1L);
        }
        try {
            return new Conntrack(Long.parseLong(count.trim()), Long.parseLong(max.trim()), insertFailed, drop);
        } catch (NumberFormatException e) {
            unknown.put("conntrack", "malformed nf_conntrack_count or nf_conntrack_max");
            return Conntrack.UNKNOWN;
        }
    }

    private int sysctlInt(String name, Map<String, String> unknown, boolean expected) {
        Map<String, String> sink = expected ? unknown : new LinkedHashMap<>();
        String text = small("sys/net/ipv4/" + name, sink);
        if (text == null) {
            return -1;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            unknown.put(name, "malformed: '" + text.trim() + "'");
            return -1;
        }
    }

    /**
     * A small file's text, or {@code null} with the reason recorded under its short name. Read through a stream to
     * its end: procfs reports a size of 0, which whole-file helpers may trust.
     */
    private String small(String relative, Map<String, String> unknown) {
        Path file = proc.resolve(relative);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(SMALL_FILE_LIMIT);
            return new String(bytes, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            unknown.put(shortName(relative), "missing");
            return null;
        } catch (IOException | RuntimeException e) {
            unknown.put(shortName(relative), "unreadable: " + e.getMessage());
            return null;
        }
    }

    private static String shortName(String relative) {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }
}
