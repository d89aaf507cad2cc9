package dev.portguard.core.internal.headroom;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.headroom.TimeWaitSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Words for port headroom: the findings ({@code PORT_HEADROOM_LOW}, {@code PORT_EXHAUSTION_FORECAST},
 * {@code PORT_EXHAUSTED}, {@code SNAT_SUSPECTED}) and the diagnosis attached to a failed connect. Each names the destination and the code
 * sites that open the most connections to it, since that is where the fix goes.
 */
final class PortFindings {
    private static final int TOP_SITES = 3;

    private PortFindings() {
    }

    /** The finding of {@code type} toward {@code d}, with the evidence as it stands now. */
    static Finding describe(FindingType type, WatchedDestination d, HostPorts host) {
        HeadroomState state = d.ports().headroom;
        DestinationHeadroom h = state == null ? null : state.view;
        List<WatchedRoute> top = topRoutes(d);
        WatchedRoute first = top.isEmpty() ? null : top.get(0);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("portsHeld", h == null ? -1 : h.portsHeld());
        evidence.put("usablePorts", h == null ? -1 : h.usablePorts());
        evidence.put("headroom", h == null ? -1 : h.headroom());
        evidence.put("portRange", host == null || host.portRange() == null ? "unknown" : host.portRange().toString());
        evidence.put("timeWait", h == null ? -1 : h.timeWait());
        evidence.put("newConnectionsPerSecond", h == null ? 0.0 : round(h.newConnectionsPerSecond()));
        evidence.put("holdSeconds", h == null ? (double) TimeWaitSettings.TIME_WAIT_SECONDS : h.holdSeconds());
        evidence.put("steadyStatePorts", h == null ? -1 : h.steadyStatePorts());
        evidence.put("secondsToExhaustion", h == null || h.secondsToExhaustion() == null ? -1
                : Math.round(h.secondsToExhaustion()));
        evidence.put("addressUnavailable", d.ports().addressUnavailable.sum());
        evidence.put("connectTimeoutsWithHeadroom", d.ports().timeoutsWithHeadroom.sum());
        evidence.put("topSites", sites(top));
        String message = switch (type) {
            case PORT_HEADROOM_LOW -> "Only " + value(h == null ? -1 : h.headroom()) + " of "
                    + value(h == null ? -1 : h.usablePorts()) + " usable local ports are left toward "
                    + d.destination() + " (" + value(h == null ? -1 : h.portsHeld()) + " held, "
                    + value(h == null ? -1 : h.timeWait()) + " in TIME_WAIT); the next connects to it fail with"
                    + " 'Cannot assign requested address' once none is left.";
            case PORT_EXHAUSTION_FORECAST -> "At " + round(h == null ? 0 : h.newConnectionsPerSecond())
                    + " new connections/s toward " + d.destination() + ", each holding its port "
                    + (h == null ? TimeWaitSettings.TIME_WAIT_SECONDS : h.holdSeconds()) + " s after closing, it needs about "
                    + (h == null ? -1 : h.steadyStatePorts()) + " of " + value(h == null ? -1 : h.usablePorts())
                    + " usable ports: they run out in about " + duration(h == null ? null : h.secondsToExhaustion())
                    + ".";
            case PORT_EXHAUSTED -> d.ports().addressUnavailable.sum() + " connect(s) to " + d.destination()
                    + " failed with 'Cannot assign requested address': no local port was left toward it.";
            case SNAT_SUSPECTED -> (h == null ? 0 : h.connectTimeoutsWithHeadroom()) + " connect(s) to "
                    + d.destination() + " timed out while " + value(h == null ? -1 : h.headroom()) + " of "
                    + value(h == null ? -1 : h.usablePorts()) + " local ports were free: the SYN was lost beyond"
                    + " this host, typically at the node's SNAT with no free port (its conntrack insert_failed"
                    + " rises). Another pod on the node may hold the SNAT ports toward it.";
            default -> type.name() + " toward " + d.destination();
        };
        String advice = first == null ? type.defaultAdvice() : first.kind().advice(type);
        return new Finding(type, d.destination(), first == null ? "unknown" : first.site(), message, advice,
                evidence);
    }

    /** The message of the suppressed exception added to a connect that found no local port. */
    static String diagnosis(WatchedDestination d, HostPorts host, long nowNanos) {
        StringBuilder sb = new StringBuilder("PortGuard: local ports toward ").append(d.destination())
                .append(" are exhausted (Cannot assign requested address). ");
        HeadroomState state = d.ports().headroom;
        if (state == null || !state.known() || host == null) {
            sb.append("Ports held toward it are unknown: no probe reading of /proc yet");
            if (host != null && !host.available()) {
                sb.append(" (").append(host.unknown().getOrDefault("host", "probe unavailable")).append(')');
            }
            sb.append(". ");
        } else {
            DestinationHeadroom h = state.view;
            long opened = d.opened();
            long since = Math.max(0, opened - state.openedAtProbe);
            sb.append("Ports held toward it: ").append(Math.min(h.usablePorts(), state.estimatedHeld(opened)))
                    .append(" of ").append(h.usablePorts()).append(" usable in range ").append(host.portRange())
                    .append(" (").append(host.reservedInRange()).append(" reserved, ").append(host.boundInRange())
                    .append(" taken by listeners; ").append(h.portsHeld()).append(" held at the probe ")
                    .append(String.format(Locale.ROOT, "%.1f", (nowNanos - state.probedAtNanos) / 1e9))
                    .append(" s ago, ").append(since).append(" opened since). TIME_WAIT: ").append(h.timeWait())
                    .append(" toward it, ").append(host.timeWait()).append(" on this host; each lasts ")
                    .append(h.holdSeconds()).append(" s. ");
        }
        List<WatchedRoute> top = topRoutes(d);
        if (top.isEmpty()) {
            sb.append("No guarded site has opened connections to it.");
        } else {
            WatchedRoute r = top.get(0);
            sb.append("Top site: ").append(r.site()).append(" opened ").append(r.opened())
                    .append(" connections to it for ").append(r.requests()).append(" requests");
            List<String> findings = raisedAt(r);
            sb.append(findings.isEmpty() ? " (no pool finding there yet)" : " (finding " + String.join(", ", findings)
                    + ")");
            sb.append(". Fix: ").append(r.kind().advice(FindingType.PORT_EXHAUSTED));
        }
        return sb.toString();
    }

    /** The sites opening the most connections toward {@code d}, most first. */
    static List<WatchedRoute> topRoutes(WatchedDestination d) {
        List<WatchedRoute> routes = new ArrayList<>(d.routes());
        routes.sort((a, b) -> Long.compare(b.opened(), a.opened()));
        return routes.size() > TOP_SITES ? routes.subList(0, TOP_SITES) : routes;
    }

    private static List<String> raisedAt(WatchedRoute r) {
        List<String> names = new ArrayList<>();
        for (FindingType t : FindingType.values()) {
            if (r.hasRaised(t)) {
                names.add(t.name());
            }
        }
        return names;
    }

    private static String sites(List<WatchedRoute> top) {
        List<String> parts = new ArrayList<>();
        for (WatchedRoute r : top) {
            parts.add(r.site() + " [" + r.kind().name() + ", " + r.poolsUsed() + " pool(s), "
                    + r.opened() + " opened, " + r.requests() + " requests]");
        }
        return String.join("; ", parts);
    }

    private static String value(long n) {
        return n < 0 ? "unknown" : Long.toString(n);
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static String duration(Double seconds) {
        if (seconds == null) {
            return "never";
        }
        long s = Math.round(seconds);
        return s < 120 ? s + " s" : (s / 60) + " min";
    }
}
