package dev.portguard.core.internal.report.timeline;

import java.util.List;
import java.util.Map;

/**
 * The one sentence at the top of the page, in words for someone who has never heard of PortGuard: the worst thing
 * the report shows, and the plain name of each kind of finding.
 */
final class Verdict {
    enum Level { OK, WARNING, CRITICAL }

    private static final Map<String, String> PLAIN = Map.ofEntries(
            Map.entry("NEW_CONNECTION_PER_REQUEST", "A new connection for nearly every request"),
            Map.entry("NEW_CLIENT_PER_REQUEST", "A new HTTP client built for each request"),
            Map.entry("KEEP_ALIVE_DISABLED", "Connections are closed after each request instead of reused"),
            Map.entry("POOL_CHURN", "The connection pool is too small for the load"),
            Map.entry("SERVER_CLOSES_IDLE", "The server closes idle connections before they are reused"),
            Map.entry("PORT_HEADROOM_LOW", "Few local ports left"),
            Map.entry("PORT_EXHAUSTION_FORECAST", "Local ports will run out at this rate"),
            Map.entry("PORT_EXHAUSTED", "Out of local ports: connections failed"),
            Map.entry("SNAT_SUSPECTED", "Connections time out while local ports are free: the node's shared ports?"),
            Map.entry("CONNECTION_LEAK", "Connections taken and never given back"));

    final Level level;
    final String headline;

    private Verdict(Level level, String headline) {
        this.level = level;
        this.headline = headline;
    }

    /** The plain name of a finding's type, or the type itself for one this page does not know. */
    static String plain(String type) {
        return PLAIN.getOrDefault(type, type);
    }

    static Verdict of(SavedReport report) {
        List<SavedReport.Event> events = report.events;
        for (SavedReport.Now d : report.now) {
            if (d.level().equals("critical")) {
                return new Verdict(Level.CRITICAL, "Out of local ports toward " + d.destination() + ": "
                        + Html.number(d.portsHeld()) + " of " + Html.number(d.usablePorts())
                        + " usable ports are held, so new connections there fail or are about to.");
            }
        }
        String exhausted = destinationOf(events, "PORT_EXHAUSTED");
        if (exhausted != null) {
            return new Verdict(Level.CRITICAL, "This program ran out of local ports toward " + exhausted
                    + ": new connections there failed.");
        }
        for (String type : List.of("PORT_EXHAUSTION_FORECAST", "PORT_HEADROOM_LOW")) {
            String toward = destinationOf(events, type);
            if (toward != null) {
                return new Verdict(Level.WARNING, "Running out of local ports toward " + toward
                        + ": nothing has failed yet, but it will at this rate.");
            }
        }
        String snat = destinationOf(events, "SNAT_SUSPECTED");
        if (snat != null) {
            return new Verdict(Level.WARNING, "Connections to " + snat + " time out while this program's own ports"
                    + " are free: the ports the node shares between programs may be used up.");
        }
        if (!events.isEmpty()) {
            return new Verdict(Level.WARNING, events.size() == 1
                    ? "One problem with how connections are used: " + plain(events.get(0).type()) + "."
                    : events.size() + " problems with how connections are used; local ports are not short yet.");
        }
        return new Verdict(Level.OK, "Healthy: connections are reused and local ports are plentiful.");
    }

    private static String destinationOf(List<SavedReport.Event> events, String type) {
        for (SavedReport.Event e : events) {
            if (e.type().equals(type)) {
                return e.destination().isEmpty() ? "a destination" : e.destination();
            }
        }
        return null;
    }
}
