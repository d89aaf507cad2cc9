package dev.portguard.core.headroom;

import dev.portguard.core.internal.procfs.KernelCounters;
import dev.portguard.core.internal.procfs.ReservedPorts;
import dev.portguard.core.internal.procfs.SocketTableParser;
import dev.portguard.core.internal.procfs.SocketTally;
import dev.portguard.core.internal.text.Quoted;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads what the kernel knows about local ports: the range, reserved ports, TIME_WAIT settings, sockets by state and
 * ports held per remote endpoint, TIME_WAIT counters and conntrack usage. One call is one reading, on the caller's
 * thread; the guard calls it from its own probe thread and hooks only read the result. Never throws: a source that
 * cannot be read or parsed leaves its values unknown, with the reason in {@link HostPorts#unknown()}. Never waits
 * or grows without bound either: only regular files are opened (a FIFO in /proc's place would block the open),
 * small files are read up to a limit, the socket tables within a time budget, and memory is bounded by the
 * destinations tracked, whatever the number of sockets.
 */
public final class PortHeadroomProbe {
    /** Distinct remote endpoints tracked per reading; a host with more is a host with bigger problems. */
    public static final int DEFAULT_MAX_REMOTES = 4096;
    /**
     * How long one reading may spend in the socket tables. A million sockets take about a second to list (most of
     * it in the kernel); a table that takes longer is a host this probe cannot keep up with, and says so.
     */
    public static final Duration DEFAULT_SCAN_BUDGET = Duration.ofSeconds(5);
    /** Every other file the probe reads is a line or a few; more is not a /proc file. */
    private static final int SMALL_FILE_LIMIT = 64 * 1024;
    /** Characters of a malformed value shown in a reason. */
    private static final int SHOWN = 32;

    private final Path proc;
    private final boolean checkOs;
    private final int maxRemotes;
    private final long scanBudgetNanos;
    private final SocketTableParser parser = new SocketTableParser();
    /** The last complete socket scan, shared with the probes {@link #withScanBudget} derives from this one. */
    private final AtomicReference<SocketReading> lastGood;
    /**
     * Settings and slow counters kept between readings of a healthy host (see {@link #read(boolean)}); null when
     * every reading reads every file (a fixture root, whose files a test changes between readings).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Kept> kept;
    /** How long a kept file serves a reading without its sockets. */
    static final long KEEP_NANOS = 10_000_000_000L;

    private PortHeadroomProbe(Path proc, boolean checkOs, int maxRemotes, Duration scanBudget,
                              AtomicReference<SocketReading> lastGood, boolean keepSettings) {
        this.proc = proc;
        this.checkOs = checkOs;
        this.maxRemotes = maxRemotes;
        this.scanBudgetNanos = scanBudget.toNanos();
        this.lastGood = lastGood;
        this.kept = keepSettings ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    }

    /** A small file's text as last read, or the reason it could not be read; for readings within a few seconds. */
    private record Kept(String text, String reason, long readAt) {
    }

    /** Reads this host's {@code /proc} (this process's network namespace). */
    public static PortHeadroomProbe ofHost() {
        return new PortHeadroomProbe(Path.of("/proc"), true, DEFAULT_MAX_REMOTES, DEFAULT_SCAN_BUDGET,
                new AtomicReference<>(), true);
    }

    /** Reads a directory laid out like {@code /proc} ({@code net/tcp}, {@code sys/net/ipv4/...}): for tests. */
    public static PortHeadroomProbe ofRoot(Path procRoot) {
        return new PortHeadroomProbe(procRoot, false, DEFAULT_MAX_REMOTES, DEFAULT_SCAN_BUDGET,
                new AtomicReference<>(), false);
    }

    /**
     * The same probe with another time budget for the socket tables (1 ms to 1 h). A scan that runs out of it
     * stops, says so in {@link HostPorts#unknown()} under {@code sockets}, and the reading keeps the socket counts
     * of the last complete scan of this probe (or of the one it was derived from), if any.
     */
    public PortHeadroomProbe withScanBudget(Duration budget) {
        Duration b = budget.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : budget;
        return new PortHeadroomProbe(proc, checkOs, maxRemotes, b.compareTo(Duration.ofHours(1)) > 0
                ? Duration.ofHours(1) : b, lastGood, kept != null);
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
     * One reading. Without {@code scanSockets} only the constant-time sources are read, and nothing is known per
     * destination; on the host ({@link #ofHost()}) such a reading reads {@code /proc/net/sockstat} and the conntrack
     * count afresh and takes the port range, the TIME_WAIT settings and the kernel's counters from the last ten
     * seconds' reading, so that watching a healthy host costs two small reads. A reading with {@code scanSockets}
     * reads everything afresh.
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
        fresh = scanSockets || kept == null;

        PortRange range = null;
        String rangeText = small("sys/net/ipv4/ip_local_port_range", unknown);
        if (rangeText != null) {
            String[] parts = rangeText.trim().split("\\s+");
            try {
                range = new PortRange(port(parts[0]), port(parts[1]));
            } catch (RuntimeException e) {
                unknown.put("ip_local_port_range", "malformed: " + Quoted.of(rangeText.trim(), SHOWN));
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
                unknown.put("ip_local_reserved_ports", "malformed: " + e.getMessage()); // quoted there
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
        String sockstat = current("net/sockstat", unknown);
        if (sockstat != null) {
            Long tw = KernelCounters.sockstat(sockstat, "TCP:").get("tw");
            String raw = KernelCounters.sockstatText(sockstat, "TCP:", "tw");
            if (tw != null) {
                timeWait = (int) Math.min(Integer.MAX_VALUE, tw);
            } else if (raw != null) {
                unknown.put("sockstat", "malformed tw: " + Quoted.of(raw, SHOWN));
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
            long deadline = System.nanoTime() + scanBudgetNanos;
            boolean anyTable = false;
            boolean complete = true;
            for (String table : new String[] {"net/tcp", "net/tcp6"}) {
                Scan scan = scan(table, tally, unknown, deadline);
                anyTable |= scan != Scan.UNREAD;
                complete &= scan != Scan.OUT_OF_TIME;
            }
            SocketReading reading = null;
            if (anyTable && complete) {
                reading = new SocketReading(now, tally, range, reserved);
                lastGood.set(reading);
            } else if (!complete) {
                SocketReading last = lastGood.get();
                SocketReading kept = last != null && java.util.Objects.equals(last.range, range) ? last : null;
                unknown.put("sockets", "the socket tables could not be scanned within the "
                        + scanBudgetNanos / 1_000_000 + " ms budget (" + tally.sockets() + " sockets read): "
                        + (kept == null ? "ports per destination are unknown"
                        : "ports per destination are from the complete reading of " + kept.at));
                reading = kept;
            }
            if (reading != null) {
                byState = reading.byState;
                established = reading.established;
                remotes = reading.remotes;
                malformed = reading.malformed;
                boundInRange = reading.boundInRange;
                if (reading.untracked > 0) {
                    unknown.put("remotes", reading.untracked + " sockets toward more than " + maxRemotes
                            + " remote endpoints were not attributed");
                }
            }
        }
        for (String reason : unknown.values()) {
            if (reason.startsWith("malformed")) {
                malformed++; // a bad value in a one-line file is a malformed line too: counted, and shown
            }
        }
        return new HostPorts(now, true, range, reservedInRange, boundInRange, byState, timeWait, established,
                settings, counters, conntrack, remotes, malformed, unknown);
    }

    private enum Scan { READ, UNREAD, OUT_OF_TIME }

    private Scan scan(String table, SocketTally tally, Map<String, String> unknown, long deadline) {
        Path file = proc.resolve(table);
        if (!Files.exists(file)) {
            unknown.put(shortName(table), "missing"); // no IPv6 (or no IPv4) in this kernel: nothing to count there
            return Scan.UNREAD;
        }
        if (!Files.isRegularFile(file)) {
            unknown.put(shortName(table), "unreadable: " + file + " is not a regular file");
            return Scan.UNREAD;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(in, tally, deadline) ? Scan.READ : Scan.OUT_OF_TIME;
        } catch (IOException | RuntimeException e) {
            unknown.put(shortName(table), "unreadable: " + e);
            return Scan.UNREAD;
        }
    }

    /** What one complete scan of the socket tables found, kept for a reading whose scan runs out of time. */
    private static final class SocketReading {
        final Instant at;
        final PortRange range;
        final Map<String, Integer> byState;
        final int established;
        final java.util.List<RemotePorts> remotes;
        final int malformed;
        final int boundInRange;
        final int untracked;

        SocketReading(Instant at, SocketTally tally, PortRange range, BitSet reserved) {
            this.at = at;
            this.range = range;
            this.byState = tally.byStateName();
            this.established = tally.inState(0x01);
            this.remotes = tally.remotes();
            this.malformed = tally.malformedLines();
            this.untracked = tally.untrackedSockets();
            if (range != null) {
                BitSet bound = tally.boundInRange();
                if (reserved != null) {
                    bound.andNot(reserved); // a reserved listener port is counted once, as reserved
                }
                this.boundInRange = bound.cardinality();
            } else {
                this.boundInRange = -1;
            }
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
            return KernelCounters.count(text.trim());
        } catch (NumberFormatException e) {
            unknown.put("tcp_tw_timeout", "malformed: " + Quoted.of(text.trim(), SHOWN));
            return TimeWaitSettings.TIME_WAIT_SECONDS;
        }
    }

    private Conntrack conntrack(Map<String, String> unknown) {
        Map<String, String> missing = new LinkedHashMap<>();
        String count = current("sys/net/netfilter/nf_conntrack_count", missing);
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
            return new Conntrack(KernelCounters.countLong(count.trim()), KernelCounters.countLong(max.trim()),
                    insertFailed, drop);
        } catch (NumberFormatException e) {
            unknown.put("conntrack", "malformed nf_conntrack_count " + Quoted.of(count.trim(), SHOWN)
                    + " or nf_conntrack_max " + Quoted.of(max.trim(), SHOWN));
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
            return KernelCounters.count(text.trim());
        } catch (NumberFormatException e) {
            unknown.put(name, "malformed: " + Quoted.of(text.trim(), SHOWN));
            return -1;
        }
    }

    /**
     * A small file's text, or {@code null} with the reason recorded under its short name. Read through a stream to
     * its end: procfs reports a size of 0, which whole-file helpers may trust.
     */
    /** Whether this reading reads every file afresh; set at the start of each (synchronized) reading. */
    private boolean fresh = true;

    /** A file that changes from moment to moment: always read. */
    private String current(String relative, Map<String, String> unknown) {
        return small(relative, unknown, true);
    }

    /** A small file: read, or, in a reading without sockets, kept from a reading of the last few seconds. */
    private String small(String relative, Map<String, String> unknown) {
        return small(relative, unknown, fresh);
    }

    private String small(String relative, Map<String, String> unknown, boolean readAfresh) {
        long now = System.nanoTime();
        if (!readAfresh) {
            Kept k = kept.get(relative);
            if (k != null && now - k.readAt < KEEP_NANOS) {
                if (k.reason != null) {
                    unknown.put(shortName(relative), k.reason);
                }
                return k.text;
            }
        }
        if (kept == null) {
            return readSmall(relative, unknown);
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        String text = readSmall(relative, reasons);
        String reason = reasons.get(shortName(relative));
        unknown.putAll(reasons);
        kept.put(relative, new Kept(text, reason, now));
        return text;
    }

    private String readSmall(String relative, Map<String, String> unknown) {
        Path file = proc.resolve(relative);
        try {
            // one stat: a FIFO or a directory in a /proc file's place must not be opened (a FIFO would block)
            if (!Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).isRegularFile()) {
                unknown.put(shortName(relative), "unreadable: " + file + " is not a regular file");
                return null;
            }
        } catch (NoSuchFileException e) {
            unknown.put(shortName(relative), "missing");
            return null;
        } catch (IOException | RuntimeException e) {
            unknown.put(shortName(relative), "unreadable: " + e);
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(SMALL_FILE_LIMIT);
            return new String(bytes, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            unknown.put(shortName(relative), "missing");
            return null;
        } catch (IOException | RuntimeException e) {
            unknown.put(shortName(relative), "unreadable: " + e);
            return null;
        }
    }

    /** A port number: ASCII digits, 1 to 65535. */
    private static int port(String text) {
        int p = KernelCounters.count(text);
        if (p < 1 || p > 65535) {
            throw new NumberFormatException(text);
        }
        return p;
    }

    private static String shortName(String relative) {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }
}
