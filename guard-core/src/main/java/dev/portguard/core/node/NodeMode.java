package dev.portguard.core.node;

import dev.portguard.core.internal.cli.Options;

import dev.portguard.core.doctor.Doctor;
import dev.portguard.core.internal.procfs.ConntrackTally;
import dev.portguard.core.internal.procfs.SnatRules;
import dev.portguard.core.internal.report.Json;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code java -jar guard-agent.jar node [--json] [--top N] [--snat-range LOW-HIGH] [--serve PORT]}: the node's SNAT
 * ports toward each destination, which pod IPs hold them, conntrack's fill and drop counters, and a verdict. Exit
 * status as the doctor's: 0 healthy, 1 warning, 2 critical, 64 usage. {@code --serve} keeps running and serves the
 * same as Prometheus metrics instead.
 */
public final class NodeMode {
    private NodeMode() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs node mode; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Command c = new Command();
        int stop = new Options("node", usage())
                .flag("--json", () -> c.json = true)
                .option("--top", v -> c.top = Math.max(1, Integer.parseInt(v)))
                .option("--proc", v -> {
                    c.proc = Path.of(v);
                    c.tools = false; // a fixture: the tools would read this machine, not it
                })
                .option("--snat-range", v -> c.range = range(v))
                .option("--serve", v -> c.serve = port(v))
                .option("--bind", v -> c.bind = v)
                .parse(args, out, err);
        return stop >= 0 ? stop : c.run(out, err);
    }

    /** What the command line asked for. */
    private static final class Command {
        boolean json;
        int top = 10;
        Path proc = Path.of("/proc");
        boolean tools = true;
        int[] range;
        int serve = -1;
        String bind = "0.0.0.0";

        int run(PrintStream out, PrintStream err) {
            return NodeMode.run(this, out, err);
        }
    }

    private static int run(Command c, PrintStream out, PrintStream err) {
        boolean json = c.json;
        int top = c.top;
        Path proc = c.proc;
        boolean tools = c.tools;
        int[] range = c.range;
        int serve = c.serve;
        String bind = c.bind;
        if (serve >= 0) {
            NodeProbe probe = new NodeProbe(proc, tools, range, 0);
            return NodeServer.serve(bind, serve, probe, top, out, err);
        }
        NodeReading reading = new NodeProbe(proc, tools, range, 1000).read();
        NodeDiagnosis d = NodeDiagnosis.of(reading, top);
        out.println(json ? json(reading, d) : text(reading, d));
        return d.status;
    }

    private static int[] range(String s) {
        String[] parts = s.split("-", 2);
        int low = Integer.parseInt(parts[0]);
        int high = parts.length == 2 ? Integer.parseInt(parts[1]) : low;
        if (low < 1 || high > 65535 || high < low) {
            throw new IllegalArgumentException(s);
        }
        return new int[] {low, high};
    }

    private static int port(String s) {
        int p = Integer.parseInt(s);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException(s);
        }
        return p;
    }

    private static String usage() {
        return "usage: java -jar guard-agent.jar node [--json] [--top N] [--snat-range LOW-HIGH] [--proc DIR]\n"
                + "       java -jar guard-agent.jar node --serve PORT [--bind ADDRESS] (Prometheus text at /metrics)\n"
                + "  exit status: 0 healthy, 1 warning, 2 critical, 64 usage";
    }

    static String text(NodeReading r, NodeDiagnosis d) {
        StringBuilder sb = new StringBuilder("PortGuard node: SNAT ports and conntrack of this node\n");
        line(sb, "conntrack", (r.count() < 0 ? "unknown" : r.count() + " of " + r.max() + " entries") + ", insert_failed "
                + n(r.counter("insert_failed")) + " (+" + n(r.rise("insert_failed")) + " in " + String.format(
                Locale.ROOT, "%.1f", r.elapsedSeconds()) + " s), drop " + n(r.counter("drop")) + ", early_drop "
                + n(r.counter("early_drop")));
        line(sb, "snat range", r.rangeLow() + "-" + r.rangeHigh() + " (" + r.rangeSize() + " ports), "
                + r.rangeSource());
        for (SnatRules.Rule rule : r.rules()) {
            line(sb, "  rule", rule.rule());
        }
        line(sb, "time_wait", "conntrack holds TIME_WAIT " + r.timeWaitHold()
                + " s (nf_conntrack_tcp_timeout_time_wait; the socket's is 60 s)");
        ConntrackTally t = r.tally();
        if (t == null) {
            line(sb, "table", "unknown: " + r.unknown().get("conntrack table"));
        } else {
            line(sb, "table", t.entries() + " entries from " + r.tableSource() + " (" + t.ipv6Entries() + " IPv6, "
                    + t.zonedEntries() + " in zones other than 0), malformed lines " + t.malformedLines()
                    + (t.malformedSamples().isEmpty() ? "" : " " + t.malformedSamples())
                    + (t.overflowEntries() > 0 ? ", " + t.overflowEntries() + " past the key caps (totals only)" : ""));
            line(sb, "states", states(t));
            sb.append("  SNAT ports in use per node address and destination (share of the range; by source):\n");
            if (d.pairs.isEmpty()) {
                sb.append("    (no SNAT'ed entries)\n");
            }
            for (NodeDiagnosis.Pair p : d.pairs) {
                ConntrackTally.Snat s = p.snat();
                sb.append(String.format(Locale.ROOT, "    %s%s -> %-28s %5d of %d (%s), time_wait %d (free within %d s)%n",
                        s.zone() == 0 ? "" : "zone " + s.zone() + " ", s.natAddress(),
                        NodeDiagnosis.endpoint(s.destination(), s.port()), s.portsInUse(), r.rangeSize(),
                        NodeDiagnosis.percent(p.share()), s.timeWait(), s.timeWaitLongestLeft()));
                for (ConntrackTally.Flow f : p.sources()) {
                    sb.append(String.format(Locale.ROOT, "      %-40s holds %5d (%s)%n", f.source(),
                            f.nattedEntries(), NodeDiagnosis.percent((double) f.nattedEntries() / r.rangeSize())));
                }
            }
            sb.append("  entries per source and destination:\n");
            for (ConntrackTally.Flow f : d.flows) {
                sb.append(String.format(Locale.ROOT, "    %-40s -> %-28s %6d (time_wait %d, snat %d)%n",
                        f.source(), NodeDiagnosis.endpoint(f.destination(), f.port()), f.entries(), f.timeWait(),
                        f.nattedEntries()));
            }
        }
        r.unknown().forEach((k, v) -> {
            if (!k.equals("conntrack table")) {
                line(sb, "unknown", k + ": " + v);
            }
        });
        sb.append("verdict: ").append(verdict(d.status));
        for (String reason : d.reasons) {
            sb.append("\n  - ").append(reason);
        }
        return sb.append("\nnext step: ").append(d.next).toString();
    }

    static String json(NodeReading r, NodeDiagnosis d) {
        Json json = new Json().beginObject().field("schema", "portguard-node/1");
        json.field("verdict", verdict(d.status).toLowerCase(Locale.ROOT)).field("exitStatus", d.status);
        json.name("reasons").beginArray();
        d.reasons.forEach(json::value);
        json.endArray().field("nextStep", d.next);
        json.name("conntrack").beginObject().field("entries", r.count()).field("max", r.max())
                .field("insertFailed", r.counter("insert_failed")).field("insertFailedRise", r.rise("insert_failed"))
                .field("drop", r.counter("drop")).field("dropRise", r.rise("drop"))
                .field("earlyDrop", r.counter("early_drop"))
                .field("readingSeconds", Math.round(r.elapsedSeconds() * 10) / 10.0)
                .field("timeWaitHoldSeconds", r.timeWaitHold()).endObject();
        json.name("snatRange").beginObject().field("low", r.rangeLow()).field("high", r.rangeHigh())
                .field("size", r.rangeSize()).field("source", r.rangeSource()).endObject();
        ConntrackTally t = r.tally();
        json.field("table", r.tableSource());
        if (t != null) {
            json.field("entries", t.entries()).field("ipv6Entries", t.ipv6Entries())
                    .field("zonedEntries", t.zonedEntries()).field("malformedLines", t.malformedLines())
                    .field("overflowEntries", t.overflowEntries());
            json.name("malformedSamples").beginArray();
            t.malformedSamples().forEach(json::value);
            json.endArray();
            json.name("states").beginObject();
            long[] states = t.states();
            for (int i = 0; i < states.length; i++) {
                if (states[i] > 0) {
                    json.field(ConntrackTally.STATES.get(i), states[i]);
                }
            }
            json.endObject();
        }
        json.name("snat").beginArray();
        for (NodeDiagnosis.Pair p : d.pairs) {
            ConntrackTally.Snat s = p.snat();
            json.beginObject().field("zone", s.zone()).field("natAddress", s.natAddress())
                    .field("destination", NodeDiagnosis.endpoint(s.destination(), s.port()))
                    .field("portsInUse", s.portsInUse()).field("share", Math.round(p.share() * 1000) / 1000.0)
                    .field("timeWait", s.timeWait()).field("timeWaitFreeWithinSeconds", s.timeWaitLongestLeft());
            json.name("sources").beginArray();
            for (ConntrackTally.Flow f : p.sources()) {
                json.beginObject().field("source", f.source()).field("portsHeld", f.nattedEntries())
                        .field("share", Math.round(1000.0 * f.nattedEntries() / r.rangeSize()) / 1000.0).endObject();
            }
            json.endArray().endObject();
        }
        json.endArray();
        json.name("flows").beginArray();
        for (ConntrackTally.Flow f : d.flows) {
            json.beginObject().field("source", f.source())
                    .field("destination", NodeDiagnosis.endpoint(f.destination(), f.port()))
                    .field("entries", f.entries()).field("timeWait", f.timeWait()).field("snat", f.nattedEntries())
                    .endObject();
        }
        json.endArray();
        json.name("unknown").beginObject();
        r.unknown().forEach(json::field);
        json.endObject();
        return json.endObject().toString();
    }

    private static String states(ConntrackTally t) {
        StringBuilder sb = new StringBuilder();
        long[] states = t.states();
        for (int i = 0; i < states.length; i++) {
            if (states[i] > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(ConntrackTally.STATES.get(i)).append(' ')
                        .append(states[i]);
            }
        }
        return sb.length() == 0 ? "(none)" : sb.toString();
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "  %-11s %s%n", name, value));
    }

    private static String n(long v) {
        return v < 0 ? "unknown" : Long.toString(v);
    }

    static String verdict(int status) {
        return status == Doctor.HEALTHY ? "HEALTHY" : status == Doctor.WARNING ? "WARNING" : "CRITICAL";
    }
}
