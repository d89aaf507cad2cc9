package dev.portguard.core.internal.report.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One destination's chart as inline SVG: above, the local ports held against the usable range (and TIME_WAIT);
 * below, connections opened per second against requests per second; the findings toward it as numbered marks
 * across both. Values that are unknown (-1) break a line rather than drop it to zero.
 */
final class DestinationChart {
    static final int WIDTH = 880;
    static final int PANEL = 150;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 28;
    private static final int GAP = 46;
    private static final int BOTTOM = 30;
    static final int HEIGHT = TOP + PANEL + GAP + PANEL + BOTTOM;
    /** The events' numbered marks sit between the panels, clear of the axis labels. */
    private static final int MARK_Y = TOP + PANEL + 13;

    static final String HELD = "#1f6fb2";
    static final String USABLE = "#c62828";
    static final String TIME_WAIT = "#8a8a8a";
    static final String REQUESTS = "#2e7d32";
    static final String OPENED = "#e65100";

    /** A numbered event on this destination's chart. */
    record Mark(int number, Instant at, String title) {
    }

    private DestinationChart() {
    }

    /**
     * The chart over {@code from} to {@code to} (epoch milliseconds): every chart of a page shares one time axis, so
     * a moment lines up across destinations.
     */
    static String svg(String destination, List<SavedReport.Point> points, List<Mark> marks, long from, long to) {
        if (to <= from) {
            to = from + 1000; // one moment: a second's width, so the point sits at the left
        }
        // A little room above the highest line, so the usable range never sits on the frame.
        double portsTop = niceCeiling(1.05 * Math.max(max(points, SavedReport.Point::usablePorts),
                max(points, SavedReport.Point::portsHeld)));
        double rateTop = niceCeiling(1.05 * Math.max(max(points, SavedReport.Point::requestsPerSecond),
                max(points, SavedReport.Point::openedPerSecond)));
        Scale x = new Scale(from, to, LEFT, WIDTH - RIGHT);
        int ports0 = TOP + PANEL;
        int rates0 = TOP + PANEL + GAP + PANEL;
        Scale portsY = new Scale(0, portsTop, ports0, TOP);
        Scale ratesY = new Scale(0, rateTop, rates0, TOP + PANEL + GAP);

        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape("Local ports and connections toward "
                        + destination)).append("\">\n");
        panel(svg, portsY, portsTop, TOP);
        panel(svg, ratesY, rateTop, TOP + PANEL + GAP);
        line(svg, points, SavedReport.Point::usablePorts, x, portsY, USABLE, "6 4", "usable");
        line(svg, points, SavedReport.Point::timeWait, x, portsY, TIME_WAIT, null, "time-wait");
        line(svg, points, SavedReport.Point::portsHeld, x, portsY, HELD, null, "held");
        line(svg, points, SavedReport.Point::requestsPerSecond, x, ratesY, REQUESTS, null, "requests");
        line(svg, points, SavedReport.Point::openedPerSecond, x, ratesY, OPENED, null, "opened");
        legend(svg, TOP - 10, new String[] {"ports held", "usable ports", "in TIME_WAIT"},
                new String[] {HELD, USABLE, TIME_WAIT});
        legend(svg, TOP + PANEL + GAP - 10, new String[] {"connections opened/s", "requests/s"},
                new String[] {OPENED, REQUESTS});
        for (Mark m : marks) {
            String cx = Html.coordinate(x.at(m.at().toEpochMilli()));
            svg.append("<g class=\"event\"><title>").append(Html.escape(m.number() + ". " + m.title()))
                    .append("</title><line x1=\"").append(cx).append("\" x2=\"").append(cx).append("\" y1=\"")
                    .append(TOP).append("\" y2=\"").append(rates0).append("\" stroke=\"#6a1b9a\" stroke-width=\"1.5\""
                            + " stroke-dasharray=\"3 3\"/><circle cx=\"").append(cx).append("\" cy=\"").append(MARK_Y)
                    .append("\" r=\"9\" fill=\"#6a1b9a\"/><text x=\"").append(cx).append("\" y=\"").append(MARK_Y + 4)
                    .append("\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"11\">").append(m.number())
                    .append("</text></g>\n");
        }
        long span = to - from;
        for (int i = 0; i <= 2; i++) {
            long t = from + span * i / 2;
            String anchor = i == 0 ? "start" : i == 2 ? "end" : "middle";
            svg.append("<text x=\"").append(Html.coordinate(x.at(t))).append("\" y=\"").append(rates0 + 18)
                    .append("\" text-anchor=\"").append(anchor).append("\" class=\"axis\">")
                    .append(Html.clock(Instant.ofEpochMilli(t))).append(i == 2 ? " UTC" : "").append("</text>\n");
        }
        return svg.append("</svg>").toString();
    }

    private static void panel(StringBuilder svg, Scale y, double top, int upper) {
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(upper).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(PANEL)
                .append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n");
        for (double v : new double[] {0, top / 2, top}) {
            String py = Html.coordinate(y.at(v));
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(py).append("\" y2=\"").append(py).append("\" stroke=\"#e3e3e3\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Html.coordinate(y.at(v) + 4))
                    .append("\" text-anchor=\"end\" class=\"axis\">").append(Html.number(v)).append("</text>\n");
        }
    }

    private static void legend(StringBuilder svg, int y, String[] names, String[] colours) {
        int x = LEFT;
        for (int i = 0; i < names.length; i++) {
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 8).append("\" width=\"14\" height=\"4\""
                    + " fill=\"").append(colours[i]).append("\"/><text x=\"").append(x + 18).append("\" y=\"")
                    .append(y - 3).append("\" class=\"legend\">").append(names[i]).append("</text>");
            x += 30 + names[i].length() * 7;
        }
        svg.append('\n');
    }

    /** Polylines through the known values; an unknown one (-1) ends a run, a lone point is drawn as a dot. */
    private static void line(StringBuilder svg, List<SavedReport.Point> points,
                             ToDoubleFunction<SavedReport.Point> value, Scale x, Scale y, String colour,
                             String dash, String name) {
        List<String> run = new ArrayList<>();
        for (SavedReport.Point p : points) {
            double v = value.applyAsDouble(p);
            if (v < 0) {
                flush(svg, run, colour, dash, name);
                continue;
            }
            run.add(Html.coordinate(x.at(p.at().toEpochMilli())) + "," + Html.coordinate(y.at(v)));
        }
        flush(svg, run, colour, dash, name);
    }

    private static void flush(StringBuilder svg, List<String> run, String colour, String dash, String name) {
        if (run.size() == 1) {
            String[] xy = run.get(0).split(",");
            svg.append("<circle class=\"").append(name).append("\" cx=\"").append(xy[0]).append("\" cy=\"")
                    .append(xy[1]).append("\" r=\"2.5\" fill=\"").append(colour).append("\"/>\n");
        } else if (run.size() > 1) {
            svg.append("<polyline class=\"").append(name).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"");
            if (dash != null) {
                svg.append(" stroke-dasharray=\"").append(dash).append('"');
            }
            svg.append(" points=\"").append(String.join(" ", run)).append("\"/>\n");
        }
        run.clear();
    }

    private static double max(List<SavedReport.Point> points, ToDoubleFunction<SavedReport.Point> value) {
        double max = 0;
        for (SavedReport.Point p : points) {
            max = Math.max(max, value.applyAsDouble(p));
        }
        return max;
    }

    /** The axis top: a round number (1, 1.2, 2, 3, 4, 5, 6 or 8 times a power of ten; its half rounds too), at least the value. */
    static double niceCeiling(double value) {
        if (value <= 1) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.2, 2, 3, 4, 5, 6, 8, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** Maps a value range onto pixels (top and bottom swapped for y). */
    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
