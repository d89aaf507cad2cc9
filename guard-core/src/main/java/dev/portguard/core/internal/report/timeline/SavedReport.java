package dev.portguard.core.internal.report.timeline;

import dev.portguard.core.internal.report.JsonReader;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page shows, read from a {@code portguard-report/1} document: the live guard's report and a saved one
 * render through the same reading. Fields it does not know are ignored; one it needs but cannot read counts as
 * absent, never as an error, so a report from an older version still renders (without its timeline).
 */
final class SavedReport {
    /** One finding: when it was raised (null when the report has no timeline), what, where, which code, the fix. */
    record Event(Instant at, String type, String destination, String site, String message, String fix) {
    }

    /** One destination at one sample; -1 where unknown. */
    record Point(Instant at, double requestsPerSecond, double openedPerSecond, double portsHeld, double usablePorts,
                 double timeWait) {
    }

    /** A destination's headroom at the report's moment. */
    record Now(String destination, double portsHeld, double usablePorts, double headroom, String level,
               boolean snatSuspected) {
    }

    final String generatedAt;
    final String mode;
    final double intervalSeconds;
    final List<Event> events = new ArrayList<>();
    final Map<String, List<Point>> series = new LinkedHashMap<>();
    final List<Now> now = new ArrayList<>();

    private SavedReport(Map<?, ?> root) {
        generatedAt = text(root.get("generatedAt"));
        mode = text(root.get("mode"));
        Map<?, ?> timeline = map(root.get("timeline"));
        intervalSeconds = number(timeline.get("intervalSeconds"), 0);
        for (Object s : list(timeline.get("samples"))) {
            Map<?, ?> sample = map(s);
            Instant at = instant(sample.get("at"));
            if (at == null) {
                continue;
            }
            for (Object d : list(sample.get("destinations"))) {
                Map<?, ?> m = map(d);
                String destination = text(m.get("destination"));
                if (destination.isEmpty()) {
                    continue;
                }
                series.computeIfAbsent(destination, k -> new ArrayList<>()).add(new Point(at,
                        number(m.get("requestsPerSecond"), 0), number(m.get("connectionsOpenedPerSecond"), 0),
                        number(m.get("portsHeld"), -1), number(m.get("usablePorts"), -1),
                        number(m.get("timeWait"), -1)));
            }
        }
        for (Object e : list(timeline.get("events"))) {
            Map<?, ?> m = map(e);
            events.add(new Event(instant(m.get("at")), text(m.get("type")), text(m.get("destination")),
                    text(m.get("site")), text(m.get("message")), text(m.get("fix"))));
        }
        if (events.isEmpty()) { // an older report: its findings, without times
            for (Object f : list(root.get("findings"))) {
                Map<?, ?> m = map(f);
                events.add(new Event(null, text(m.get("type")), text(m.get("destination")), text(m.get("site")),
                        text(m.get("message")), text(m.get("advice"))));
            }
        }
        for (Object d : list(map(root.get("headroom")).get("destinations"))) {
            Map<?, ?> m = map(d);
            now.add(new Now(text(m.get("destination")), number(m.get("portsHeld"), -1),
                    number(m.get("usablePorts"), -1), number(m.get("headroom"), -1), text(m.get("level")),
                    Boolean.TRUE.equals(m.get("snatSuspected"))));
        }
    }

    /** Reads {@code json}; throws {@link IllegalArgumentException} when it is not a PortGuard report. */
    static SavedReport read(String json) {
        Object root = JsonReader.parse(json);
        if (!(root instanceof Map<?, ?> map) || !text(map.get("schema")).startsWith("portguard-report/")) {
            throw new IllegalArgumentException("not a PortGuard report (no \"schema\": \"portguard-report/1\")");
        }
        return new SavedReport(map);
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String text(Object o) {
        return o instanceof String s ? s : "";
    }

    private static double number(Object o, double absent) {
        return o instanceof Double d && Double.isFinite(d) ? d : absent;
    }

    private static Instant instant(Object o) {
        try {
            return o instanceof String s ? Instant.parse(s) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
