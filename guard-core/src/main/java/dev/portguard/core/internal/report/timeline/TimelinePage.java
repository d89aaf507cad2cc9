package dev.portguard.core.internal.report.timeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@code portguard-report/1} document as one self-contained HTML page: the verdict at the top, one chart
 * per busy destination, the findings as numbered events with their site and fix. Inline CSS and SVG only; the
 * page's own policy forbids every request, so it renders the same from a file, a CI artifact or an email.
 * Every value from the report is escaped.
 */
public final class TimelinePage {
    /** Charts on one page; the report's samples keep no more destinations than this either. */
    static final int MOST_CHARTS = 8;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:940px;\
            padding:0 16px 40px;color:#222;line-height:1.45}
            header.verdict{margin:16px 0;padding:14px 18px;border-radius:6px;border-left:8px solid}
            header.ok{background:#e8f5e9;border-color:#2e7d32}
            header.warning{background:#fff8e1;border-color:#f9a825}
            header.critical{background:#ffebee;border-color:#c62828}
            header h1{font-size:1.35em;margin:0 0 4px}
            header p{margin:0;color:#555;font-size:.9em}
            section.destination{margin:18px 0 26px}
            section.destination h3{margin:0 0 4px;font-family:ui-monospace,monospace}
            .chart{max-width:100%;height:auto}
            .axis{font-size:11px;fill:#555}
            .legend{font-size:12px;fill:#333}
            ol.events li{margin:0 0 12px}
            code{background:#f3f3f3;padding:1px 4px;border-radius:3px;word-break:break-all}
            .muted{color:#666;font-size:.9em}
            """;

    private TimelinePage() {
    }

    /** {@code report.html} beside {@code report.json}; {@code name.html} beside any other name. */
    public static Path beside(Path report) {
        String name = report.getFileName().toString();
        String page = name.endsWith(".json") ? name.substring(0, name.length() - 5) + ".html" : name + ".html";
        return report.resolveSibling(page);
    }

    /** The page for {@code reportJson}; throws {@link IllegalArgumentException} when it is not a PortGuard report. */
    public static String render(String reportJson) {
        SavedReport report = SavedReport.read(reportJson);
        Verdict verdict = Verdict.of(report);
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>").append(Html.escape(verdict.headline)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<header class=\"verdict ").append(verdict.level.name().toLowerCase(java.util.Locale.ROOT))
                .append("\">\n<h1>").append(Html.escape(verdict.headline)).append("</h1>\n<p>Outbound connections of"
                        + " one program, as its PortGuard report saw them at ")
                .append(Html.escape(moment(report.generatedAt))).append(".</p>\n</header>\n");
        html.append("<p>Every connection a program opens to a server holds one of a limited number of local ports"
                + " (the <em>usable range</em>) while it is open and for up to a minute after it closes. A healthy"
                + " program reuses its connections, so it opens far fewer connections than it sends requests. When"
                + " the ports held toward one server reach the usable range, new connections to that server fail"
                + " while others still work.</p>\n");
        List<SavedReport.Event> events = report.events;
        List<String> charted = busiest(report.series);
        html.append("<h2>Destinations</h2>\n");
        if (charted.isEmpty()) {
            html.append("<p class=\"muted\">No samples yet: the timeline takes one every ")
                    .append(Html.number(report.intervalSeconds)).append(" s once there is traffic.</p>\n");
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (String destination : charted) {
            for (SavedReport.Point p : report.series.get(destination)) {
                from = Math.min(from, p.at().toEpochMilli());
                to = Math.max(to, p.at().toEpochMilli());
            }
        }
        for (SavedReport.Event e : events) {
            if (e.at() != null && charted.contains(e.destination())) {
                from = Math.min(from, e.at().toEpochMilli());
                to = Math.max(to, e.at().toEpochMilli());
            }
        }
        for (String destination : charted) {
            List<SavedReport.Point> points = report.series.get(destination);
            List<DestinationChart.Mark> marks = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                SavedReport.Event e = events.get(i);
                if (e.at() != null && e.destination().equals(destination)) {
                    marks.add(new DestinationChart.Mark(i + 1, e.at(), Verdict.plain(e.type()) + " at " + e.site()));
                }
            }
            html.append("<section class=\"destination\">\n<h3>").append(Html.escape(destination)).append("</h3>\n")
                    .append("<p>").append(Html.escape(summary(points))).append("</p>\n")
                    .append(DestinationChart.svg(destination, points, marks, from, to)).append("\n</section>\n");
        }
        html.append("<h2>What was found</h2>\n");
        if (events.isEmpty()) {
            html.append("<p>Nothing: no misuse of connections and no shortage of ports.</p>\n");
        } else {
            html.append("<ol class=\"events\">\n");
            for (int i = 0; i < events.size(); i++) {
                SavedReport.Event e = events.get(i);
                html.append("<li id=\"event-").append(i + 1).append("\"><strong>")
                        .append(Html.escape(Verdict.plain(e.type()))).append("</strong>");
                if (e.at() != null) {
                    html.append(" at ").append(Html.clock(e.at())).append(" UTC");
                }
                if (!e.destination().isEmpty()) {
                    html.append(", toward <code>").append(Html.escape(e.destination())).append("</code>");
                }
                html.append(" <span class=\"muted\">(").append(Html.escape(e.type())).append(")</span><br>\n")
                        .append(Html.escape(e.message())).append("<br>\nWhere: <code>").append(Html.escape(e.site()))
                        .append("</code><br>\nFix: ").append(Html.escape(e.fix())).append("</li>\n");
            }
            html.append("</ol>\n");
        }
        html.append("<p class=\"muted\">Written by PortGuard from its JSON report (mode ")
                .append(Html.escape(report.mode)).append("). The page loads nothing from the network.</p>\n");
        return html.append("</body>\n</html>\n").toString();
    }

    /** {@code 2026-12-01 09:17:09 UTC} for an ISO-8601 instant; other text as it is. */
    private static String moment(String iso) {
        try {
            java.time.Instant at = java.time.Instant.parse(iso);
            return at.toString().substring(0, 10) + " " + Html.clock(at) + " UTC";
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /** The destinations with any traffic or ports held, most ports held at peak first, then most opened. */
    private static List<String> busiest(Map<String, List<SavedReport.Point>> series) {
        List<String> busy = new ArrayList<>();
        for (Map.Entry<String, List<SavedReport.Point>> e : series.entrySet()) {
            if (peak(e.getValue(), true) > 0 || peak(e.getValue(), false) > 0) {
                busy.add(e.getKey());
            }
        }
        busy.sort(Comparator.comparingDouble((String d) -> peak(series.get(d), true)).reversed()
                .thenComparing(Comparator.comparingDouble((String d) -> peak(series.get(d), false)).reversed())
                .thenComparing(Comparator.naturalOrder()));
        return busy.size() > MOST_CHARTS ? busy.subList(0, MOST_CHARTS) : busy;
    }

    private static double peak(List<SavedReport.Point> points, boolean ports) {
        double max = 0;
        for (SavedReport.Point p : points) {
            max = Math.max(max, ports ? p.portsHeld() : p.openedPerSecond() + p.requestsPerSecond());
        }
        return max;
    }

    /** One sentence a person can check against the chart: the peak of ports held, and opens against requests. */
    static String summary(List<SavedReport.Point> points) {
        SavedReport.Point peak = null;
        double requests = 0;
        double opened = 0;
        for (SavedReport.Point p : points) {
            if (p.portsHeld() >= 0 && (peak == null || p.portsHeld() > peak.portsHeld())) {
                peak = p;
            }
            requests += p.requestsPerSecond();
            opened += p.openedPerSecond();
        }
        StringBuilder s = new StringBuilder();
        if (peak != null) {
            s.append("At most ").append(Html.number(peak.portsHeld())).append(" local ports held");
            if (peak.usablePorts() > 0) {
                s.append(" of ").append(Html.number(peak.usablePorts())).append(" usable");
            }
            s.append(" (").append(Html.clock(peak.at())).append(" UTC). ");
        } else {
            s.append("Local ports held: unknown (the probe reads them on Linux). ");
        }
        if (requests > 0) {
            long share = Math.round(100 * Math.min(opened, requests) / requests);
            s.append("About ").append(share).append(" in 100 requests opened a new connection");
            s.append(share >= 50 ? ": connections are not being reused." : ".");
        } else if (opened > 0) {
            s.append("Connections were opened without requests counted.");
        } else {
            s.append("No requests in this window.");
        }
        return s.toString();
    }
}
