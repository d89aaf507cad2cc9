package dev.portguard.core.internal.config;

import dev.portguard.core.GuardMode;
import dev.portguard.core.MitigateScope;
import dev.portguard.core.ProtectMode;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting the guard understands, in documentation order: key, default, parse, print, accepted values and the
 * line README's configuration table shows (a test holds README to it). A new setting is one entry here and one
 * accessor on {@code GuardConfig}.
 */
public final class Settings {
    private static final String RATIO = "a number above 0 and at most 1, like 0.5";
    private static final String DURATION_FORMS = "500ms, 10s, 5m, 1h or PT10S";
    /** Whole-number settings count things the guard keeps or waits for: past this they only cost memory. */
    private static final int MOST_THINGS = 100_000;
    /** (site, destination) and (pool, destination) pairs: a busy gateway has many more of them than sites. */
    private static final int MOST_ROUTES = 1_000_000;
    private static final int MOST_REQUESTS = 1_000_000;
    private static final Duration DAY = Duration.ofHours(24);
    private static final List<Setting<?>> TABLE = new ArrayList<>();

    public static final Setting<GuardMode> MODE = choice("mode", GuardMode.class, GuardMode.OBSERVE,
            GuardMode.values(), "one of observe, strict, mitigate, off", "`observe`",
            "`observe` reports only; `strict` (for tests) throws `PoolMisuseException` at the call that makes a"
                    + " pool finding of a type the corpus shows precise, once per site and destination, and that call is not counted; `mitigate` (agent, for an"
                    + " incident) observes and makes clients built per request share connections (see `mitigate`);"
                    + " `off` counts nothing");
    public static final Setting<MitigateScope> MITIGATE = choice("mitigate", MitigateScope.class, MitigateScope.FOUND,
            MitigateScope.values(), "one of found, all", "`found`", "in `mitigate` mode, which clients share"
                    + " connections: `found`, those of sites with a `NEW_CLIENT_PER_REQUEST` finding; `all`, every"
                    + " client a site builds after its first `mitigate.after`");
    public static final Setting<Integer> MITIGATE_AFTER = whole("mitigate.after", 3, MOST_THINGS,
            "with `mitigate=all`, clients a site builds as the code wrote them before the rest share connections");
    public static final Setting<Integer> MIN_REQUESTS = whole("min.requests", 20, MOST_REQUESTS,
            "requests a site must send to a destination before any pool finding (`NEW_CLIENT_PER_REQUEST` too)");
    public static final Setting<Double> NEW_CONNECTION_RATIO = ratio("new.connection.ratio", 0.5,
            "connections opened per request above which traffic is flagged");
    public static final Setting<Integer> NEW_CLIENT_THRESHOLD = whole("new.client.threshold", 10, MOST_REQUESTS,
            "pools created at one site within `new.client.window` that make it suspect; the finding also needs"
                    + " `min.requests` requests from them to one destination");
    public static final Setting<Duration> NEW_CLIENT_WINDOW = duration("new.client.window", Duration.ofSeconds(60),
            Duration.ofMillis(1), DAY, "`60s`", "that window (`500ms`, `10s`, `5m`, `1h` or ISO-8601 `PT10S`)");
    public static final Setting<Double> POOL_CHURN_RATIO = ratio("pool.churn.ratio", 0.1,
            "connections opened per request above which an undersized pool churns");
    public static final Setting<Integer> MAX_DESTINATIONS = whole("max.destinations", 1000, MOST_THINGS,
            "destinations counted separately; more share the bucket `(other)` (counts are never lost)");
    public static final Setting<Integer> MAX_SITES = whole("max.sites", 500, MOST_THINGS,
            "code sites counted separately; more share the site `(other)`");
    public static final Setting<Integer> MAX_POOLS = whole("max.pools", 1000, MOST_THINGS,
            "live pools listed in snapshots (all are counted)");
    public static final Setting<Integer> MAX_ROUTES = whole("max.routes", 10000, MOST_ROUTES,
            "(site, destination) and (pool, destination) pairs counted separately, each; more count toward `(other)`");
    public static final Setting<Level> LOG_LEVEL = choice("log.level", Level.class, Level.WARNING, Level.values(),
            "one of off, error, warning, info, debug, trace, all", "`warning`",
            "how much PortGuard says: lines below this level are not written; `warning` shows findings and problems,"
                    + " `info` also what the agent installed and guarded, `off` nothing");
    public static final Setting<Level> FINDING_LEVEL = choice("finding.level", Level.class, Level.WARNING,
            new Level[] {Level.ERROR, Level.WARNING, Level.INFO, Level.DEBUG, Level.TRACE},
            "one of error, warning, info, debug, trace", "`warning`",
            "level each finding's log line is written at (shown when `log.level` lets it through)");
    public static final Setting<Path> REPORT = add("report", Path.class, null, Setting.Kind.PATH, 0, 0, null,
            "a file path", "none", "path of the JSON report (written by the agent at exit and every"
                    + " `report.interval`), and beside it the page `report.html` (the name with `.html` for `.json`)");
    public static final Setting<Duration> REPORT_INTERVAL = duration("report.interval", Duration.ofSeconds(60),
            Duration.ofSeconds(1), DAY, "`60s`", "how often the agent rewrites the report");
    public static final Setting<Duration> TIMELINE_INTERVAL = duration("timeline.interval", Duration.ofSeconds(5),
            Duration.ofMillis(100), Duration.ofMinutes(10), "`5s`",
            "how often the incident timeline (in the report and `report.html` beside it) takes a sample; the probe"
                    + " reads the host at least this often");
    public static final Setting<Duration> TIMELINE_WINDOW = duration("timeline.window", Duration.ofHours(1),
            Duration.ofSeconds(1), DAY, "`1h`",
            "how far back the timeline reaches (at most 10000 samples, each of the 8 busiest destinations)");
    public static final Setting<Integer> METRICS_PORT = add("metrics.port", Integer.class, null,
            Setting.Kind.PORT, 1, 65535, null, "a TCP port from 1 to 65535", "none",
            "the agent serves its metrics in the Prometheus text format on this port (`/metrics`); unset, nothing"
                    + " listens");
    public static final Setting<String> METRICS_HOST = add("metrics.host", String.class, null,
            Setting.Kind.HOST, 0, 0, null, "an IP address or host name", "none",
            "address the metrics endpoint listens on; unset, all interfaces");
    public static final Setting<Boolean> HEADROOM_PROBE = onOff("headroom.probe", Boolean.TRUE, "`on`",
            "read the host's ports from `/proc` (Linux): `on` or `off`");
    public static final Setting<Duration> HEADROOM_INTERVAL = duration("headroom.interval", Duration.ofSeconds(10),
            Duration.ofMillis(100), Duration.ofMinutes(10), "`10s`",
            "how often the probe reads (TIME_WAIT lasts 60 s: a slower probe misses whole waves)");
    public static final Setting<Double> HEADROOM_LOW = ratio("headroom.low", 0.2,
            "share of a destination's usable ports below which `PORT_HEADROOM_LOW` is raised");
    public static final Setting<Duration> HEADROOM_HORIZON = duration("headroom.horizon", Duration.ofMinutes(10),
            Duration.ofSeconds(1), DAY, "`10m`", "an exhaustion predicted within this raises `PORT_EXHAUSTION_FORECAST`");
    public static final Setting<ProtectMode> PROTECT = choice("protect", ProtectMode.class, ProtectMode.OFF,
            ProtectMode.values(), "one of off, enforce", "`off`",
            "`enforce` refuses new connections to a destination whose headroom is critical");
    public static final Setting<Double> PROTECT_CRITICAL = ratio("protect.critical", 0.05,
            "share of usable ports below which headroom is critical (also the doctor's threshold)");
    public static final Setting<Duration> PROTECT_WAIT = add("protect.wait", Duration.class, Duration.ZERO,
            Setting.Kind.DURATION_OR_ZERO, 0, Duration.ofSeconds(60).toMillis(), null,
            "0, or a duration of at most 60s such as 500ms, 10s or PT1S", "`0`",
            "how long protect mode waits for headroom to come back before refusing");

    public static final Setting<Boolean> LEAK_DETECT = onOff("leak.detect", Boolean.TRUE, "`on`",
            "track leased connections to find those never given back (`CONNECTION_LEAK`): `on` or `off`");
    public static final Setting<Duration> LEAK_AGE = duration("leak.age", Duration.ofSeconds(60),
            Duration.ofMillis(100), DAY, "`60s`", "a connection held this long with no bytes read (where the client"
                    + " tells) counts as leaked; a stream that keeps reading never does");
    public static final Setting<Integer> LEAK_COUNT = whole("leak.count", 3, MOST_THINGS,
            "leaked connections a site and destination must hold at once before `CONNECTION_LEAK` is raised");
    public static final Setting<Integer> LEAK_SAMPLE = whole("leak.sample", 1024, MOST_THINGS,
            "one acquisition in this many records its call site (a stack walk); the first few of each client and"
                    + " destination, and the next few after an unattributed leak, always do");
    public static final Setting<Integer> LEAK_TRACKED = whole("leak.tracked", 256, MOST_THINGS,
            "leased connections tracked at once per site and destination (fixed memory); more are counted, not aged");

    /** Every setting, in documentation order. */
    public static final List<Setting<?>> ALL = Collections.unmodifiableList(new ArrayList<>(TABLE));

    private static final Map<String, Setting<?>> BY_KEY = byKey();

    private Settings() {
    }

    /** The setting of {@code key} (without prefix), or {@code null}. */
    public static Setting<?> byKey(String key) {
        return BY_KEY.get(key);
    }

    private static Map<String, Setting<?>> byKey() {
        Map<String, Setting<?>> map = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            map.put(s.key(), s);
        }
        return map;
    }

    private static <T> Setting<T> add(String key, Class<T> type, T defaultValue, Setting.Kind kind, long min,
                                      long max, Object[] choices, String accepted, String documentedDefault,
                                      String meaning) {
        Setting<T> s = new Setting<>(TABLE.size(), key, type, defaultValue, kind, min, max, choices, accepted,
                documentedDefault, meaning);
        TABLE.add(s);
        return s;
    }

    private static <E extends Enum<E>> Setting<E> choice(String key, Class<E> type, E defaultValue, E[] accepted,
                                                         String acceptedText, String documentedDefault,
                                                         String meaning) {
        return add(key, type, defaultValue, Setting.Kind.CHOICE, 0, 0, accepted, acceptedText, documentedDefault,
                meaning);
    }

    private static Setting<Boolean> onOff(String key, Boolean defaultValue, String documentedDefault,
                                          String meaning) {
        return add(key, Boolean.class, defaultValue, Setting.Kind.ON_OFF, 0, 0, null, "on or off",
                documentedDefault, meaning);
    }

    private static Setting<Integer> whole(String key, int defaultValue, int max, String meaning) {
        return add(key, Integer.class, defaultValue, Setting.Kind.WHOLE, 1, max, null,
                "a whole number of at least 1 and at most " + max, "`" + defaultValue + "`", meaning);
    }

    private static Setting<Double> ratio(String key, double defaultValue, String meaning) {
        return add(key, Double.class, defaultValue, Setting.Kind.RATIO, 0, 0, null, RATIO, "`" + defaultValue + "`",
                meaning);
    }

    private static Setting<Duration> duration(String key, Duration defaultValue, Duration min, Duration max,
                                              String documentedDefault, String meaning) {
        return add(key, Duration.class, defaultValue, Setting.Kind.DURATION, min.toMillis(), max.toMillis(), null,
                "a duration above zero, from " + shortText(min) + " to " + shortText(max) + " (" + DURATION_FORMS
                        + ")", documentedDefault, meaning);
    }

    /** {@code 100ms}, {@code 1s}, {@code 10m}, {@code 24h}: the largest unit that divides it. */
    private static String shortText(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        } else if (d.getSeconds() % 3600 == 0) {
            return d.toHours() + "h";
        } else if (d.getSeconds() % 60 == 0) {
            return d.toMinutes() + "m";
        }
        return d.getSeconds() + "s";
    }

    /** ASCII digits only: other scripts' digits, signs and separators are not numbers here. */
    static int wholeText(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(text);
        }
        return Integer.parseInt(text);
    }

    /** {@code 0.5}, {@code .5}, {@code 1}: ASCII digits and one point; no exponent, sign, hex or NaN. */
    static double decimalText(String text) {
        if (!text.matches("[0-9]{1,9}(\\.[0-9]{0,9})?|\\.[0-9]{1,9}")) {
            throw new IllegalArgumentException(text);
        }
        return Double.parseDouble(text);
    }

    static Boolean onOff(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> Boolean.TRUE;
            case "off", "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    /**
     * Reads {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} (ASCII digits) and ISO-8601 such as {@code PT10S}.
     * A number too large for a duration throws like any other bad text; the caller's range check does the rest.
     */
    static Duration durationText(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        } else if (lower.endsWith("ms")) {
            return Duration.ofMillis(count(lower, 2));
        } else if (lower.endsWith("s")) {
            return Duration.ofSeconds(count(lower, 1));
        } else if (lower.endsWith("m")) {
            return Duration.ofMinutes(count(lower, 1));
        } else if (lower.endsWith("h")) {
            return Duration.ofHours(count(lower, 1));
        }
        throw new IllegalArgumentException(v);
    }

    private static long count(String text, int unitLength) {
        String digits = text.substring(0, text.length() - unitLength).trim();
        if (!digits.matches("[0-9]{1,15}")) {
            throw new IllegalArgumentException(text); // 15 digits of hours still fit a Duration
        }
        return Long.parseLong(digits);
    }
}
