package dev.portguard.core.node;

import dev.portguard.core.internal.procfs.ConntrackParser;
import dev.portguard.core.internal.procfs.ConntrackTally;
import dev.portguard.core.internal.procfs.KernelCounters;
import dev.portguard.core.internal.procfs.SnatRules;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads the node: {@code /proc/net/nf_conntrack} where the kernel has it, otherwise {@code conntrack -L -o
 * extended} (the same lines, through netlink: the JDK has no netlink socket, and a native binding would put native
 * code in the agent, so the small conntrack tool speaks netlink for us); the counters; and the SNAT range from
 * {@code iptables-save -t nat}, else {@code nft list ruleset}, else the kernel's default. Never throws: what it
 * cannot read is in the reading's {@code unknown}.
 */
public final class NodeProbe {
    private static final long TOOL_TIMEOUT_SECONDS = 20;
    private final Path proc;
    private final boolean useTools;
    private final int[] rangeOverride;
    private final long counterIntervalMillis;

    /**
     * @param proc                  the /proc to read ({@code /proc}, or a fixture)
     * @param useTools              whether to run {@code conntrack}, {@code iptables-save} and {@code nft}
     * @param rangeOverride         {low, high} given by the user, or null to look for the rules
     * @param counterIntervalMillis the least time between the two counter readings
     */
    public NodeProbe(Path proc, boolean useTools, int[] rangeOverride, long counterIntervalMillis) {
        this.proc = proc;
        this.useTools = useTools;
        this.rangeOverride = rangeOverride;
        this.counterIntervalMillis = counterIntervalMillis;
    }

    public NodeReading read() {
        Map<String, String> unknown = new LinkedHashMap<>();
        long start = System.nanoTime();
        Map<String, Long> before = counters(unknown);
        ConntrackTally tally = ConntrackTally.bounded();
        String source = table(tally, unknown);
        if (source == null) {
            tally = null;
        }
        long left = counterIntervalMillis - (System.nanoTime() - start) / 1_000_000;
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Long> after = counters(new LinkedHashMap<>());
        double elapsed = (System.nanoTime() - start) / 1e9;
        long count = sysctl("sys/net/netfilter/nf_conntrack_count", "conntrack count", unknown);
        long max = sysctl("sys/net/netfilter/nf_conntrack_max", "conntrack max", unknown);
        long hold = sysctl("sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait", "time_wait hold", unknown);
        List<SnatRules.Rule> rules = new ArrayList<>();
        int low = NodeReading.DEFAULT_LOW;
        int high = NodeReading.DEFAULT_HIGH;
        String rangeSource;
        if (rangeOverride != null) {
            low = rangeOverride[0];
            high = rangeOverride[1];
            rangeSource = "given with --snat-range";
        } else {
            rangeSource = rules(rules);
            List<SnatRules.Rule> ranged = rules.stream().filter(SnatRules.Rule::hasPorts).toList();
            if (!rules.isEmpty() && ranged.size() == rules.size()) {
                low = ranged.stream().mapToInt(SnatRules.Rule::low).min().orElse(low);
                high = ranged.stream().mapToInt(SnatRules.Rule::high).max().orElse(high);
                rangeSource = "from " + rules.size() + " " + rangeSource + " rule(s) with --to-ports";
            } else if (!rules.isEmpty()) {
                rangeSource = "an " + rangeSource + " rule names no port range: the kernel's default";
            } else {
                unknown.put("snat range", rangeSource);
                rangeSource = "no SNAT rule with a port range found (" + rangeSource + "): assuming the kernel's"
                        + " default";
            }
        }
        return new NodeReading(source, tally, before, after, elapsed, count, max,
                hold < 0 ? NodeReading.DEFAULT_TIME_WAIT_HOLD : hold, low, high, rangeSource, rules, unknown);
    }

    private Map<String, Long> counters(Map<String, String> unknown) {
        Path stat = proc.resolve("net/stat/nf_conntrack");
        try {
            return KernelCounters.perCpuHex(small(stat));
        } catch (IOException | RuntimeException e) {
            unknown.put("counters", stat + (e instanceof java.nio.file.NoSuchFileException ? " missing"
                    : " unreadable (" + e.getMessage() + ")") + ": is nf_conntrack loaded?");
            return Map.of();
        }
    }

    /** Fills {@code tally}; returns where the entries came from, or null (and why in {@code unknown}). */
    private String table(ConntrackTally tally, Map<String, String> unknown) {
        Path file = proc.resolve("net/nf_conntrack");
        String procWhy;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                new ConntrackParser().parse(in, tally);
                return file.toString();
            } catch (IOException | RuntimeException e) {
                procWhy = file + " unreadable (" + e.getMessage() + "): run as root on the node";
            }
        } else {
            procWhy = file + " absent (kernel without the procfs option, or nf_conntrack not loaded)";
        }
        if (!useTools) {
            unknown.put("conntrack table", procWhy);
            return null;
        }
        String tool = onPath("conntrack");
        if (tool == null) {
            unknown.put("conntrack table", procWhy + "; the conntrack tool is not installed (Debian: conntrack)");
            return null;
        }
        try {
            Process p = new ProcessBuilder(tool, "-L", "-o", "extended").redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (InputStream in = p.getInputStream()) {
                new ConntrackParser().parse(in, tally);
            }
            if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            if (p.exitValue() != 0) {
                unknown.put("conntrack table", procWhy + "; conntrack -L exited " + p.exitValue()
                        + " (it needs CAP_NET_ADMIN)");
                return null;
            }
            return "conntrack -L -o extended";
        } catch (IOException | RuntimeException e) {
            unknown.put("conntrack table", procWhy + "; conntrack -L failed: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unknown.put("conntrack table", "interrupted");
            return null;
        }
    }

    /** Adds the rules found; returns their origin ("iptables"/"nft") or why none were read. */
    private String rules(List<SnatRules.Rule> rules) {
        if (!useTools) {
            return "NAT rules not read";
        }
        List<String> why = new ArrayList<>();
        String iptables = onPath("iptables-save");
        if (iptables != null) {
            String out = run(why, iptables, "-t", "nat");
            if (out != null) {
                rules.addAll(SnatRules.iptables(out));
                if (!rules.isEmpty()) {
                    return "iptables";
                }
            }
        }
        String nft = onPath("nft");
        if (nft != null) {
            String out = run(why, nft, "list", "ruleset");
            if (out != null) {
                rules.addAll(SnatRules.nft(out));
                if (!rules.isEmpty()) {
                    return "nft";
                }
            }
        }
        if (iptables == null && nft == null) {
            return "neither iptables-save nor nft is installed";
        }
        return why.isEmpty() ? "no MASQUERADE or SNAT rule" : String.join("; ", why);
    }

    private static String run(List<String> why, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(8 * 1024 * 1024);
            }
            if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                why.add(command[0] + " timed out");
                return null;
            }
            if (p.exitValue() != 0) {
                why.add(new File(command[0]).getName() + " exited " + p.exitValue() + " (it needs CAP_NET_ADMIN)");
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            why.add(command[0] + " failed: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private long sysctl(String path, String name, Map<String, String> unknown) {
        Path file = proc.resolve(path);
        try {
            return Long.parseLong(small(file).trim());
        } catch (IOException | RuntimeException e) {
            unknown.put(name, file + (e instanceof java.nio.file.NoSuchFileException ? " missing" : " unreadable"));
            return -1;
        }
    }

    /** Read through a stream to its end: procfs reports a size of 0, which whole-file helpers trust. */
    private static String small(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1024 * 1024), StandardCharsets.US_ASCII);
        }
    }

    static String onPath(String name) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin")) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }
}
