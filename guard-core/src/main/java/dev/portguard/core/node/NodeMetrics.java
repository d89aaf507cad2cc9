package dev.portguard.core.node;

import dev.portguard.core.internal.procfs.ConntrackTally;

import java.util.Locale;

/**
 * A node reading in the Prometheus text format (0.0.4), named as docs/metrics.md says: {@code portguard_node_*},
 * counters with {@code _total}, destinations as {@code server_address}/{@code server_port}, pods by
 * {@code k8s_pod_ip} (join on kube-state-metrics' {@code kube_pod_info{pod_ip}} for names), and
 * {@code k8s_node_name} on every series when {@code NODE_NAME} is set. A value that could not be read is not
 * written: no sample rather than a false number.
 */
final class NodeMetrics {
    private NodeMetrics() {
    }

    static String render(NodeReading r, int top, String nodeName) {
        String node = nodeName == null || nodeName.isBlank() ? "" : "k8s_node_name=\"" + escape(nodeName) + "\"";
        StringBuilder sb = new StringBuilder();
        gauge(sb, "portguard_node_conntrack_entries", "Entries in the node's conntrack table (nf_conntrack_count).",
                node, r.count());
        gauge(sb, "portguard_node_conntrack_limit", "The conntrack table's size (nf_conntrack_max).", node, r.max());
        counter(sb, "portguard_node_conntrack_insert_failed_total",
                "Entries conntrack could not insert, summed over CPUs: rises when SNAT finds no free port.", node,
                r.counter("insert_failed"));
        counter(sb, "portguard_node_conntrack_drop_total", "Packets conntrack dropped, summed over CPUs.", node,
                r.counter("drop"));
        counter(sb, "portguard_node_conntrack_early_drop_total",
                "Entries conntrack evicted early because its table was full, summed over CPUs.", node,
                r.counter("early_drop"));
        gauge(sb, "portguard_node_conntrack_time_wait_hold_seconds",
                "How long conntrack keeps a TIME_WAIT entry (nf_conntrack_tcp_timeout_time_wait).", node,
                r.timeWaitHold());
        gauge(sb, "portguard_node_snat_ports_range", "Ports in the node's SNAT range (--to-ports, or 1024-65535).",
                node, r.rangeSize());
        ConntrackTally t = r.tally();
        if (t == null) {
            return sb.toString();
        }
        help(sb, "portguard_node_conntrack_state_entries", "gauge", "Conntrack entries by TCP state (OTHER: not TCP).");
        long[] states = t.states();
        for (int i = 0; i < states.length; i++) {
            sample(sb, "portguard_node_conntrack_state_entries",
                    join(node, "portguard_conntrack_state=\"" + ConntrackTally.STATES.get(i) + "\""), states[i]);
        }
        gauge(sb, "portguard_node_conntrack_malformed_lines", "Lines of the last reading of the table that could"
                + " not be parsed.", node, t.malformedLines());
        help(sb, "portguard_node_snat_ports_in_use", "gauge",
                "Distinct SNAT ports in use per node address and destination.");
        StringBuilder held = new StringBuilder();
        for (NodeDiagnosis.Pair p : NodeDiagnosis.pairs(r, top)) {
            ConntrackTally.Snat s = p.snat();
            String labels = join(node, "portguard_snat_address=\"" + s.natAddress() + "\",server_address=\""
                    + s.destination() + "\",server_port=\"" + s.port() + "\"");
            sample(sb, "portguard_node_snat_ports_in_use", labels, s.portsInUse());
            for (ConntrackTally.Flow f : p.sources()) {
                sample(held, "portguard_node_snat_ports_held", join(labels, "k8s_pod_ip=\"" + f.source() + "\""),
                        f.nattedEntries());
            }
        }
        help(sb, "portguard_node_snat_ports_held", "gauge",
                "SNAT ports held per source IP (the pod), node address and destination.");
        sb.append(held);
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help, String labels, long value) {
        if (value >= 0) {
            help(sb, name, "gauge", help);
            sample(sb, name, labels, value);
        }
    }

    private static void counter(StringBuilder sb, String name, String help, String labels, long value) {
        if (value >= 0) {
            help(sb, name, "counter", help);
            sample(sb, name, labels, value);
        }
    }

    private static void help(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder sb, String name, String labels, long value) {
        sb.append(name);
        if (!labels.isEmpty()) {
            sb.append('{').append(labels).append('}');
        }
        sb.append(' ').append(String.format(Locale.ROOT, "%d", value)).append('\n');
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "," + b;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
