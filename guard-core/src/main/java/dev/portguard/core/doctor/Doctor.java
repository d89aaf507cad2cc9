package dev.portguard.core.doctor;

import dev.portguard.core.internal.cli.Options;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.headroom.Conntrack;
import dev.portguard.core.headroom.HeadroomLevels;
import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.headroom.PortHeadroomProbe;
import dev.portguard.core.headroom.PortRange;
import dev.portguard.core.headroom.RemotePorts;
import dev.portguard.core.headroom.TimeWaitSettings;
import dev.portguard.core.internal.report.HostPortsJson;
import dev.portguard.core.internal.report.Json;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar guard-core.jar doctor [--json] [--top N]}: the host's local port status in one look (the range,
 * reserved ports, sockets by state, the destinations holding the most ports and their headroom, tw reuse and
 * timestamps, conntrack usage) and a verdict with the next step. Exit status 0 healthy, 1 warning, 2 critical.
 * Thresholds are {@code headroom.low} and {@code protect.critical}, read like every PortGuard setting.
 */
public final class Doctor {
    public static final int HEALTHY = 0;
    public static final int WARNING = 1;
    public static final int CRITICAL = 2;
    /** Bad command line. */
    public static final int USAGE = Options.USAGE;
    private static final double CONNTRACK_WARNING = 0.75;
    private static final double CONNTRACK_CRITICAL = 0.9;

    private Doctor() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the doctor against this host's /proc; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean[] json = {false};
        int[] top = {10};
        Path[] root = {null};
        int stop = new Options("doctor", usage())
                .flag("--json", () -> json[0] = true)
                .option("--top", v -> top[0] = Math.max(1, Integer.parseInt(v)))
                .option("--proc", v -> root[0] = Path.of(v))
                .parse(args, out, err);
        if (stop >= 0) {
            return stop;
        }
        return report(json[0], top[0], root[0], out, err);
    }

    private static int report(boolean json, int top, Path root, PrintStream out, PrintStream err) {
        GuardConfig config = GuardConfig.fromEnvironment(problem -> err.println(problem));
        HostPorts host = (root == null ? PortHeadroomProbe.ofHost() : PortHeadroomProbe.ofRoot(root)).read();
        Diagnosis d = diagnose(host, config, top);
        out.println(json ? json(host, d) : text(host, d));
        return d.status;
    }

    private static String usage() {
        return "usage: java -jar guard-core.jar doctor [--json] [--top N] [--proc DIR]\n"
                + "  exit status: 0 healthy, 1 warning, 2 critical";
    }

    /** The verdict and what it is based on. */
    static Diagnosis diagnose(HostPorts host, GuardConfig config, int top) {
        List<String> reasons = new ArrayList<>();
        int status = HEALTHY;
        String next = "Nothing to do: every destination has ample local ports.";
        List<RemotePorts> remotes = host.remotes().subList(0, Math.min(top, host.remotes().size()));
        if (!host.available()) {
            reasons.add(host.unknown().getOrDefault("host", "the probe is unavailable"));
            return new Diagnosis(WARNING, reasons, "Run the doctor on the Linux host or in the pod to check.",
                    remotes);
        }
        int usable = host.usablePorts();
        if (usable < 0) {
            reasons.add("usable ports unknown: " + host.unknown());
            status = WARNING;
            next = "Make /proc/sys/net/ipv4/ip_local_port_range and /proc/net/tcp* readable to this user.";
        } else if (!remotes.isEmpty()) {
            RemotePorts worst = remotes.get(0);
            int headroom = host.headroom(worst.portsHeld());
            int critical = HeadroomLevels.criticalPorts(config, usable);
            int low = HeadroomLevels.lowPorts(config, usable);
            String where = worst.endpoint() + " holds " + worst.portsHeld() + " of " + usable + " usable ports ("
                    + worst.timeWait() + " in TIME_WAIT), headroom " + headroom;
            if (headroom < critical) {
                status = CRITICAL;
                reasons.add(where + ": exhausted or nearly");
            } else if (headroom < low) {
                status = WARNING;
                reasons.add(where + ": low");
            }
            if (status != HEALTHY) {
                next = "Find the code opening a new connection per request to " + worst.endpoint()
                        + " (run it with PortGuard: its report names the site) and make it reuse connections:"
                        + " one shared client with keep-alive and a pool sized to its concurrency, or HTTP/2. Only"
                        + " then widen net.ipv4.ip_local_port_range or set net.ipv4.tcp_tw_reuse=1 (needs"
                        + " tcp_timestamps=1). tcp_fin_timeout does not shorten TIME_WAIT.";
            }
        }
        String unread = socketTablesUnread(host);
        if (unread != null) {
            reasons.add(unread);
            if (status == HEALTHY) {
                status = WARNING;
                next = "Make /proc/net/tcp and /proc/net/tcp6 readable regular files for this user (a Java client's"
                        + " connections are listed in tcp6), then run the doctor again.";
            }
        }
        double conntrack = host.conntrack().usage();
        if (conntrack >= CONNTRACK_WARNING) {
            int s = conntrack >= CONNTRACK_CRITICAL ? CRITICAL : WARNING;
            reasons.add("conntrack " + host.conntrack().count() + " of " + host.conntrack().max() + " entries");
            if (s > status) {
                next = "The conntrack table is nearly full: reduce connection churn (reuse connections), or raise"
                        + " net.netfilter.nf_conntrack_max on the node.";
            }
            status = Math.max(status, s);
        }
        if (host.conntrack().insertFailed() > 0) {
            reasons.add("conntrack insert_failed " + host.conntrack().insertFailed()
                    + " since boot: SNAT may have run out of ports (connects then time out)");
            if (status == HEALTHY) {
                status = WARNING;
                next = "Watch conntrack insert_failed (conntrack -S): if it rises, pods' connects through SNAT to"
                        + " one destination time out; reuse connections, or give the node more SNAT ports/IPs.";
            }
        }
        return new Diagnosis(status, reasons, next, remotes);
    }

    /**
     * Why ports per destination may be wrong: a socket table that exists but could not be read (a missing one is a
     * kernel without that protocol), or a scan that ran out of time; {@code null} when both were read.
     */
    static String socketTablesUnread(HostPorts host) {
        List<String> problems = new ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            String reason = host.unknown().get(table);
            if (reason != null && !reason.equals("missing")) {
                problems.add("/proc/net/" + table + " " + reason);
            }
        }
        if (host.unknown().containsKey("sockets")) {
            problems.add(host.unknown().get("sockets"));
        }
        return problems.isEmpty() ? null
                : "ports held per destination unknown or undercounted: " + String.join("; ", problems);
    }

    static String text(HostPorts host, Diagnosis d) {
        StringBuilder sb = new StringBuilder();
        sb.append("PortGuard doctor: local ports of this network namespace\n");
        if (!host.available()) {
            sb.append("  unavailable: ").append(host.unknown().get("host")).append('\n');
        } else {
            PortRange r = host.portRange();
            line(sb, "port range", r == null ? "unknown" : r + " (" + r.size() + " ports), reserved "
                    + n(host.reservedInRange()) + ", bound by listeners " + n(host.boundInRange()) + ", usable "
                    + n(host.usablePorts()) + " per destination");
            line(sb, "sockets", host.socketsByState().isEmpty() ? "unknown" : states(host.socketsByState()));
            TimeWaitSettings s = host.timeWaitSettings();
            line(sb, "time_wait", n(host.timeWait()) + " now; each lasts " + s.timeWaitSeconds()
                    + " s (tcp_fin_timeout=" + n(s.finTimeoutSeconds()) + " does not shorten it); max buckets "
                    + n(s.maxTwBuckets()) + ", overflowed " + n(host.counters().overflow()) + " since boot");
            line(sb, "tw reuse", "tcp_tw_reuse=" + n(s.twReuse()) + " (" + reuse(s.twReuse()) + "), tcp_timestamps="
                    + n(s.timestamps()) + ", reuse delay " + (s.twReuseDelayMs() < 0
                    ? TimeWaitSettings.DEFAULT_REUSE_DELAY_MS + " ms (fixed)" : s.twReuseDelayMs() + " ms")
                    + ", recycled " + n(host.counters().recycled()) + " since boot");
            Conntrack c = host.conntrack();
            line(sb, "conntrack", c.count() < 0 ? "unknown (" + host.unknown().getOrDefault("conntrack", "not read") + ")"
                    : c.count() + " of " + c.max() + " entries, insert_failed " + n(c.insertFailed()) + ", drop "
                    + n(c.drop()));
            sb.append("  top destinations by local ports held:\n");
            if (d.remotes.isEmpty()) {
                sb.append("    (none)\n");
            }
            for (RemotePorts rp : d.remotes) {
                sb.append(String.format(Locale.ROOT, "    %-45s held %6d  time_wait %6d  headroom %6d%n",
                        rp.endpoint(), rp.portsHeld(), rp.timeWait(), host.headroom(rp.portsHeld())));
            }
            if (host.malformedLines() > 0) {
                line(sb, "malformed", host.malformedLines() + " (lines or values of /proc that could not be parsed and"
                        + " were skipped)");
            }
            if (!host.unknown().isEmpty()) {
                line(sb, "unknown", new java.util.TreeMap<>(host.unknown()).toString());
            }
        }
        sb.append("verdict: ").append(verdict(d.status));
        for (String reason : d.reasons) {
            sb.append("\n  - ").append(reason);
        }
        sb.append("\nnext step: ").append(d.next);
        return sb.toString();
    }

    static String json(HostPorts host, Diagnosis d) {
        Json json = new Json().beginObject().field("schema", "portguard-doctor/1");
        json.field("verdict", verdict(d.status).toLowerCase(Locale.ROOT)).field("exitStatus", d.status);
        json.name("reasons").beginArray();
        for (String r : d.reasons) {
            json.value(r);
        }
        json.endArray().field("nextStep", d.next);
        HostPortsJson.writeFields(json, host);
        json.name("destinations").beginArray();
        for (RemotePorts rp : d.remotes) {
            json.beginObject()
                    .field("destination", rp.endpoint())
                    .field("portsHeld", rp.portsHeld())
                    .field("timeWait", rp.timeWait())
                    .field("headroom", host.headroom(rp.portsHeld()))
                    .endObject();
        }
        json.endArray();
        return json.endObject().toString();
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "  %-11s %s%n", name, value));
    }

    private static String states(Map<String, Integer> byState) {
        StringBuilder sb = new StringBuilder();
        byState.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    private static String reuse(int v) {
        return switch (v) {
            case 0 -> "off";
            case 1 -> "on";
            case 2 -> "loopback only";
            default -> "unknown";
        };
    }

    private static String n(long v) {
        return v < 0 ? "unknown" : Long.toString(v);
    }

    private static String verdict(int status) {
        return status == HEALTHY ? "HEALTHY" : status == WARNING ? "WARNING" : "CRITICAL";
    }

    /** The doctor's conclusion. */
    static final class Diagnosis {
        final int status;
        final List<String> reasons;
        final String next;
        final List<RemotePorts> remotes;

        Diagnosis(int status, List<String> reasons, String next, List<RemotePorts> remotes) {
            this.status = status;
            this.reasons = reasons;
            this.next = next;
            this.remotes = remotes;
        }
    }
}
