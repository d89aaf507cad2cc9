package dev.portguard.samples.kubernetes;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series and label names a PromQL expression uses, found well enough to catch a renamed or misspelt name in
 * the rules, the dashboard and the document (not a parser: what it cannot tell apart, it leaves out).
 */
final class PromQl {
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern CLAUSE =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-zA-Z_][a-zA-Z0-9_]*\\b");
    private static final Set<String> WORDS = Set.of("label_replace", "label_values", "group_left", "group_right",
            "histogram_quantile", "count_values", "absent_over_time", "max_over_time", "min_over_time",
            "avg_over_time", "last_over_time");

    /** Grafana's {@code label_values(series{matchers}, label)}: a series and a label, not PromQL. */
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\(\\s*(.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$", Pattern.DOTALL);

    private PromQl() {
    }

    /** Names used as series: identifiers with an underscore, outside strings, selectors and label clauses. */
    static Set<String> series(String expr) {
        Matcher values = LABEL_VALUES.matcher(expr);
        if (values.matches()) {
            return series(values.group(1));
        }
        String rest = SELECTOR.matcher(STRING.matcher(expr).replaceAll("\"\"")).replaceAll("{}");
        rest = CLAUSE.matcher(rest).replaceAll("$1 ()");
        rest = RANGE.matcher(rest).replaceAll("[]");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            String word = m.group();
            if (word.contains("_") && !WORDS.contains(word) && !word.startsWith("__")) {
                names.add(word);
            }
        }
        return names;
    }

    /** Names used as labels: in selectors' matchers and in by/on/ignoring/group clauses. */
    static Set<String> labels(String expr) {
        Matcher values = LABEL_VALUES.matcher(expr);
        if (values.matches()) {
            Set<String> names = labels(values.group(1));
            names.add(values.group(2));
            return names;
        }
        String unquoted = STRING.matcher(expr).replaceAll("\"\"");
        Set<String> names = new LinkedHashSet<>();
        Matcher s = SELECTOR.matcher(unquoted);
        while (s.find()) {
            Matcher l = MATCHER_LABEL.matcher(s.group(1));
            while (l.find()) {
                names.add(l.group(1));
            }
        }
        Matcher c = CLAUSE.matcher(unquoted);
        while (c.find()) {
            for (String label : c.group(2).split(",")) {
                if (!label.isBlank()) {
                    names.add(label.trim());
                }
            }
        }
        return names;
    }
}
