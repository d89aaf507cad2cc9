package dev.portguard.agent.internal.metrics;

import dev.portguard.core.metrics.GuardMeter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guard's meters in the Prometheus text format 0.0.4, named as Micrometer's Prometheus registry names them (dots
 * to underscores, the base unit, {@code _total} on counters), so the agent's endpoint and a Spring Boot application's
 * {@code /actuator/prometheus} show the same series. A meter without a value now writes no sample.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(List<GuardMeter> meters) {
        Map<String, List<GuardMeter>> families = new LinkedHashMap<>();
        for (GuardMeter m : meters) {
            families.computeIfAbsent(seriesName(m), k -> new ArrayList<>()).add(m);
        }
        StringBuilder out = new StringBuilder(8192);
        for (Map.Entry<String, List<GuardMeter>> family : families.entrySet()) {
            String name = family.getKey();
            GuardMeter first = family.getValue().get(0);
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(first.description())).append('\n');
            out.append("# TYPE ").append(name).append(' ')
                    .append(first.type() == GuardMeter.Type.COUNTER ? "counter" : "gauge").append('\n');
            for (GuardMeter m : family.getValue()) {
                double value = m.value();
                if (Double.isNaN(value)) {
                    continue;
                }
                out.append(name);
                if (!m.tags().isEmpty()) {
                    out.append('{');
                    boolean comma = false;
                    for (GuardMeter.Tag t : m.tags()) {
                        if (comma) {
                            out.append(',');
                        }
                        comma = true;
                        out.append(sanitize(t.key())).append("=\"").append(escapeValue(t.value())).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(number(value)).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code portguard.connections.opened} (counter) is {@code portguard_connections_opened_total}. */
    static String seriesName(GuardMeter m) {
        String name = sanitize(m.name());
        if (m.baseUnit() != null && !name.endsWith("_" + m.baseUnit())) {
            name = name + "_" + sanitize(m.baseUnit());
        }
        if (m.type() == GuardMeter.Type.COUNTER && !name.endsWith("_total")) {
            name = name + "_total";
        }
        return name;
    }

    private static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            b.append(ok ? c : '_');
        }
        return b.toString();
    }

    private static String escapeValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String number(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
