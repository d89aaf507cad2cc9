package dev.portguard.samples.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric model as docs/metrics.md states it, read from its tables, so the samples' tests check the manifests
 * against the document operators read rather than against a second copy of the names.
 */
final class MetricsDoc {
    /** One row of a meter table: the Micrometer meter and the Prometheus series it renders as. */
    record Meter(String name, String type, String unit, List<String> tags, String series) {
    }

    /** The identity tags: environment variable, its downward-API field, tag, Prometheus label. */
    record Identity(String env, String fieldPath, String tag, String label) {
    }

    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

    final List<Meter> meters = new ArrayList<>();
    final List<Identity> identity = new ArrayList<>();
    /** Series of other exporters (node_exporter, kube-state-metrics) the rules and the dashboard may use. */
    final Set<String> otherSeries = new LinkedHashSet<>();
    /** The fenced {@code promql} blocks, by the order they appear. */
    final List<String> promql = new ArrayList<>();

    static Path path() {
        return SamplesPaths.repository().resolve("docs/metrics.md");
    }

    static MetricsDoc read() {
        try {
            return new MetricsDoc(Files.readAllLines(path()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MetricsDoc(List<String> lines) {
        String heading = "";
        StringBuilder block = null;
        for (String line : lines) {
            if (block != null) {
                if (line.startsWith("```")) {
                    promql.add(block.toString());
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
                continue;
            }
            if (line.startsWith("```promql")) {
                block = new StringBuilder();
            } else if (line.startsWith("#")) {
                heading = line;
            } else if (line.startsWith("| `")) {
                row(heading, cells(line));
            }
        }
    }

    private void row(String heading, List<String> cells) {
        if (cells.size() == 5 && (cells.get(1).equals("counter") || cells.get(1).equals("gauge"))) {
            meters.add(new Meter(ticked(cells.get(0)).get(0), cells.get(1), cells.get(2), ticked(cells.get(3)),
                    ticked(cells.get(4)).get(0)));
        } else if (heading.contains("identity") && cells.size() == 3) {
            List<String> env = ticked(cells.get(0));
            identity.add(new Identity(env.get(0), env.get(1), ticked(cells.get(1)).get(0),
                    ticked(cells.get(2)).get(0)));
        } else if (heading.contains("Other exporters")) {
            otherSeries.add(ticked(cells.get(0)).get(0));
        }
    }

    /** Documented Prometheus series, ours and other exporters'. */
    Set<String> allSeries() {
        Set<String> all = new LinkedHashSet<>();
        meters.forEach(m -> all.add(m.series()));
        all.addAll(otherSeries);
        return all;
    }

    /** Every label a documented series of ours can carry: its tags and the identity tags, as Prometheus names them. */
    Map<String, Set<String>> labelsBySeries() {
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        for (Meter m : meters) {
            Set<String> set = labels.computeIfAbsent(m.series(), k -> new LinkedHashSet<>());
            m.tags().forEach(t -> set.add(t.replace('.', '_')));
            identity.forEach(i -> set.add(i.label()));
        }
        return labels;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static List<String> ticked(String cell) {
        List<String> values = new ArrayList<>();
        Matcher m = TICKED.matcher(cell);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
