package dev.portguard.core.node;

import dev.portguard.core.doctor.Doctor;
import dev.portguard.core.internal.procfs.ConntrackTally;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The verdict on a node reading, with the doctor's exit statuses: CRITICAL when a (node address, destination) pair
 * uses 90% of the SNAT range or {@code insert_failed} rose during the reading (connects are being dropped now),
 * WARNING at 75%, at any {@code insert_failed} since boot, or when the table could not be read.
 */
final class NodeDiagnosis {
    static final double SNAT_WARNING = 0.75;
    static final double SNAT_CRITICAL = 0.9;
    private static final double CONNTRACK_WARNING = 0.75;
    private static final double CONNTRACK_CRITICAL = 0.9;

    final int status;
    final List<String> reasons;
    final String next;
    final List<Pair> pairs;
    final List<ConntrackTally.Flow> flows;

    /** One node address and destination, with the sources (pods) holding its SNAT ports, most first. */
    record Pair(ConntrackTally.Snat snat, double share, List<ConntrackTally.Flow> sources) {
    }

    private NodeDiagnosis(int status, List<String> reasons, String next, List<Pair> pairs,
                          List<ConntrackTally.Flow> flows) {
        this.status = status;
        this.reasons = reasons;
        this.next = next;
        this.pairs = pairs;
        this.flows = flows;
    }

    static NodeDiagnosis of(NodeReading r, int top) {
        List<String> reasons = new ArrayList<>();
        int status = Doctor.HEALTHY;
        String next = "Nothing to do: the node's SNAT ports and conntrack table have room.";
        List<Pair> pairs = pairs(r, top);
        List<ConntrackTally.Flow> flows = new ArrayList<>();
        if (r.tally() == null) {
            status = Doctor.WARNING;
            reasons.add("unknown: " + r.unknown().getOrDefault("conntrack table", "conntrack table unreadable"));
            next = "Run as root on the node (hostNetwork in a pod), with nf_conntrack loaded; where the kernel has no"
                    + " /proc/net/nf_conntrack install the conntrack tool and grant CAP_NET_ADMIN.";
        } else {
            flows.addAll(r.tally().flows());
            flows.sort(Comparator.comparingLong(ConntrackTally.Flow::entries).reversed());
            if (flows.size() > top) {
                flows.subList(top, flows.size()).clear();
            }
            if (r.tally().entries() == 0 && r.tally().malformedLines() > 0) {
                status = Doctor.WARNING;
                reasons.add("unknown: no line of " + r.tableSource() + " could be read: "
                        + r.tally().malformedSamples());
            }
        }
        if (!pairs.isEmpty()) {
            Pair worst = pairs.get(0);
            ConntrackTally.Snat s = worst.snat;
            String where = s.natAddress() + " -> " + endpoint(s.destination(), s.port()) + " uses " + s.portsInUse()
                    + " of " + r.rangeSize() + " SNAT ports (" + percent(worst.share) + ")";
            if (!worst.sources.isEmpty()) {
                ConntrackTally.Flow f = worst.sources.get(0);
                where += "; " + f.source() + " holds " + f.nattedEntries();
            }
            if (worst.share >= SNAT_CRITICAL) {
                status = Doctor.CRITICAL;
                reasons.add(where + ": full or nearly");
            } else if (worst.share >= SNAT_WARNING) {
                status = Math.max(status, Doctor.WARNING);
                reasons.add(where + ": high");
            }
            if (status != Doctor.HEALTHY && !worst.sources.isEmpty()) {
                next = "Find the code in the pod with IP " + worst.sources.get(0).source() + " that holds or opens"
                        + " connections to " + endpoint(s.destination(), s.port()) + " (its PortGuard agent names"
                        + " the site, e.g. NEW_CLIENT_PER_REQUEST) and make it share one client. Meanwhile: more"
                        + " SNAT ports (a wider --to-ports, more node IPs, a NAT gateway with more ports).";
            }
        }
        long rise = r.rise("insert_failed");
        long total = r.counter("insert_failed");
        if (rise > 0) {
            status = Doctor.CRITICAL;
            reasons.add("conntrack insert_failed rose by " + rise + " in " + String.format(java.util.Locale.ROOT,
                    "%.1f", r.elapsedSeconds()) + " s: new connections are being dropped (they time out in the pods)");
        } else if (total > 0) {
            reasons.add("conntrack insert_failed " + total + " since boot, not rising now");
            if (status == Doctor.HEALTHY) {
                status = Doctor.WARNING;
                next = "Watch insert_failed: if it rises, pods' connects through SNAT time out.";
            }
        }
        if (r.count() >= 0 && r.max() > 0) {
            double usage = (double) r.count() / r.max();
            if (usage >= CONNTRACK_WARNING) {
                int s = usage >= CONNTRACK_CRITICAL ? Doctor.CRITICAL : Doctor.WARNING;
                reasons.add("conntrack " + r.count() + " of " + r.max() + " entries");
                if (s > status) {
                    next = "The conntrack table is nearly full: reduce connection churn, or raise"
                            + " net.netfilter.nf_conntrack_max.";
                }
                status = Math.max(status, s);
            }
        }
        return new NodeDiagnosis(status, reasons, next, pairs, flows);
    }

    /** Every SNAT pair, fullest first, each with its top sources; at most {@code top}. */
    static List<Pair> pairs(NodeReading r, int top) {
        List<Pair> pairs = new ArrayList<>();
        if (r.tally() == null) {
            return pairs;
        }
        List<ConntrackTally.Flow> all = r.tally().flows();
        for (ConntrackTally.Snat s : r.tally().snat()) {
            List<ConntrackTally.Flow> sources = new ArrayList<>();
            for (ConntrackTally.Flow f : all) {
                if (f.nattedEntries() > 0 && f.zone() == s.zone() && f.proto() == s.proto() && f.port() == s.port()
                        && f.destination().equals(s.destination()) && f.natAddress().equals(s.natAddress())) {
                    sources.add(f);
                }
            }
            sources.sort(Comparator.comparingLong(ConntrackTally.Flow::nattedEntries).reversed());
            if (sources.size() > top) {
                sources.subList(top, sources.size()).clear();
            }
            pairs.add(new Pair(s, (double) s.portsInUse() / r.rangeSize(), sources));
        }
        pairs.sort(Comparator.comparingInt((Pair p) -> p.snat.portsInUse()).reversed());
        return pairs.size() > top ? new ArrayList<>(pairs.subList(0, top)) : pairs;
    }

    static String endpoint(String address, int port) {
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
