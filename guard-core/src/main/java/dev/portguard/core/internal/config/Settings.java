package dev.portguard.core.internal.config;

import dev.portguard.core.GuardMode;
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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every setting the guard understands, in documentation order: key, default, parse, print, accepted values and the
 * line README's configuration table shows (a test holds README to it). A new setting is one entry here and one
 * accessor on {@code GuardConfig}.
 */
public final class Settings {
    private static final String WHOLE = "a whole number of at least 1";
    private static final String RATIO = "a number above 0 and at most 1, like 0.5";
    private static final String DURATION = "a duration above zero such as 500ms, 10s, 5m, 1h or PT10S";
    private static final List<Setting<?>> TABLE = new ArrayList<>();

    public static final Setting<GuardMode> MODE = add("mode", GuardMode.class, GuardMode.OBSERVE,
            v -> named(GuardMode.values(), GuardMode::configValue, v), GuardMode::configValue, m -> true,
            "one of observe, strict, off", "`observe`", "`observe` reports only; `strict` throws"
                    + " `PoolMisuseException` at the call that makes a finding (for tests); `off` counts nothing");
    public static final Setting<Integer> MIN_REQUESTS = whole("min.requests", 20,
            "requests a site must send to a destination before a ratio-based finding");
    public static final Setting<Double> NEW_CONNECTION_RATIO = ratio("new.connection.ratio", 0.5,
            "connections opened per request above which traffic is flagged");
    public static final Setting<Integer> NEW_CLIENT_THRESHOLD = whole("new.client.threshold", 10,
            "pools created at one site within the window that make it suspect");
    public static final Setting<Duration> NEW_CLIENT_WINDOW = duration("new.client.window", Duration.ofSeconds(60),
            "`60s`", "that window (`500ms`, `10s`, `5m`, `1h` or ISO-8601 `PT10S`)");
    public static final Setting<Double> POOL_CHURN_RATIO = ratio("pool.churn.ratio", 0.1,
            "connections opened per request above which an undersized pool churns");
    public static final Setting<Integer> MAX_DESTINATIONS = whole("max.destinations", 1000,
            "destinations counted separately; more share the bucket `(other)` (counts are never lost)");
    public static final Setting<Integer> MAX_SITES = whole("max.sites", 500,
            "code sites counted separately; more share the site `(other)`");
    public static final Setting<Integer> MAX_POOLS = whole("max.pools", 1000,
            "live pools listed in snapshots (all are counted)");
    public static final Setting<Integer> MAX_ROUTES = whole("max.routes", 10000,
            "(site, destination) and (pool, destination) pairs counted separately, each; more count toward `(other)`");
    public static final Setting<Level> LOG_LEVEL = add("log.level", Level.class, Level.WARNING,
            v -> named(Level.values(), Level::name, v), l -> l.name().toLowerCase(Locale.ROOT), l -> true,
            "one of off, error, warning, info, debug, trace, all", "`warning`",
            "level of the log line per finding; `off` silences it");
    public static final Setting<Path> REPORT = add("report", Path.class, null,
            v -> v.isEmpty() ? null : Path.of(v), p -> p == null ? "" : p.toString(), p -> true, "a file path",
            "none", "path of the JSON report (written by the agent at exit and every `report.interval`)");
    public static final Setting<Duration> REPORT_INTERVAL = duration("report.interval", Duration.ofSeconds(60),
            "`60s`", "how often the agent rewrites the report");
    public static final Setting<Integer> METRICS_PORT = add("metrics.port", Integer.class, null,
            v -> v.isEmpty() ? null : Integer.valueOf(v), p -> p == null ? "" : p.toString(),
            p -> p == null || (p >= 1 && p <= 65535), "a TCP port from 1 to 65535", "none",
            "the agent serves its metrics in the Prometheus text format on this port (`/metrics`); unset, nothing"
                    + " listens");
    public static final Setting<String> METRICS_HOST = add("metrics.host", String.class, null,
            v -> v.isEmpty() ? null : v, v -> v == null ? "" : v, v -> v.indexOf('/') < 0 && v.indexOf(' ') < 0,
            "an IP address or host name", "none", "address the metrics endpoint listens on; unset, all interfaces");
    public static final Setting<Boolean> HEADROOM_PROBE = add("headroom.probe", Boolean.class, Boolean.TRUE,
            Settings::onOff, on -> on ? "on" : "off", on -> true, "on or off", "`on`",
            "read the host's ports from `/proc` (Linux): `on` or `off`");
    public static final Setting<Duration> HEADROOM_INTERVAL = duration("headroom.interval", Duration.ofSeconds(10),
            "`10s`", "how often the probe reads");
    public static final Setting<Double> HEADROOM_LOW = ratio("headroom.low", 0.2,
            "share of a destination's usable ports below which `PORT_HEADROOM_LOW` is raised");
    public static final Setting<Duration> HEADROOM_HORIZON = duration("headroom.horizon", Duration.ofMinutes(10),
            "`10m`", "an exhaustion predicted within this raises `PORT_EXHAUSTION_FORECAST`");
    public static final Setting<ProtectMode> PROTECT = add("protect", ProtectMode.class, ProtectMode.OFF,
            v -> named(ProtectMode.values(), ProtectMode::configValue, v), ProtectMode::configValue, m -> true,
            "one of off, enforce", "`off`",
            "`enforce` refuses new connections to a destination whose headroom is critical");
    public static final Setting<Double> PROTECT_CRITICAL = ratio("protect.critical", 0.05,
            "share of usable ports below which headroom is critical (also the doctor's threshold)");
    public static final Setting<Duration> PROTECT_WAIT = add("protect.wait", Duration.class, Duration.ZERO,
            v -> v.equals("0") ? Duration.ZERO : durationText(v), d -> d.toMillis() + "ms", d -> !d.isNegative(),
            "0, or a duration such as 500ms, 10s or PT1S", "`0`",
            "how long protect mode waits for headroom to come back before refusing");

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

    private static <T> Setting<T> add(String key, Class<T> type, T defaultValue, Function<String, T> parse,
                                      Function<T, String> print, Predicate<T> valid, String accepted,
                                      String documentedDefault, String meaning) {
        Setting<T> s = new Setting<>(TABLE.size(), key, type, defaultValue, parse, print, valid, accepted,
                documentedDefault, meaning);
        TABLE.add(s);
        return s;
    }

    private static Setting<Integer> whole(String key, int defaultValue, String meaning) {
        return add(key, Integer.class, defaultValue, Integer::valueOf, i -> Integer.toString(i), i -> i >= 1, WHOLE,
                "`" + defaultValue + "`", meaning);
    }

    private static Setting<Double> ratio(String key, double defaultValue, String meaning) {
        return add(key, Double.class, defaultValue, Double::valueOf, d -> Double.toString(d), d -> d > 0 && d <= 1,
                RATIO, "`" + defaultValue + "`", meaning);
    }

    private static Setting<Duration> duration(String key, Duration defaultValue, String documentedDefault,
                                              String meaning) {
        return add(key, Duration.class, defaultValue, Settings::durationText, d -> d.toMillis() + "ms",
                d -> !d.isNegative() && !d.isZero(), DURATION, documentedDefault, meaning);
    }

    private static <E> E named(E[] values, Function<E, String> name, String text) {
        for (E e : values) {
            if (name.apply(e).equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException(text);
    }

    private static Boolean onOff(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> Boolean.TRUE;
            case "off", "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    /** Reads {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} and ISO-8601 such as {@code PT10S}; any sign. */
    static Duration durationText(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        } else if (lower.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2).trim()));
        } else if (lower.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
        } else if (lower.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
        } else if (lower.endsWith("h")) {
            return Duration.ofHours(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
        }
        throw new IllegalArgumentException(v);
    }
}
