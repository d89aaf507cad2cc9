package dev.portguard.core;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything the guard can be told, immutable. Build one with {@link #builder()}, take {@link #defaults()}, or
 * read {@link #fromEnvironment()}: {@code PORTGUARD_*} environment variables, overridden by {@code portguard.*}
 * system properties. Keys are written the same way everywhere: {@code portguard.min.requests} as a system
 * property is {@code PORTGUARD_MIN_REQUESTS} in the environment and {@code min.requests} in a map or agent option.
 */
public final class GuardConfig {
    /** Prefix of system properties. */
    public static final String PROPERTY_PREFIX = "portguard.";
    /** Prefix of environment variables. */
    public static final String ENV_PREFIX = "PORTGUARD_";

    public static final String MODE = "mode";
    public static final String MIN_REQUESTS = "min.requests";
    public static final String NEW_CONNECTION_RATIO = "new.connection.ratio";
    public static final String NEW_CLIENT_THRESHOLD = "new.client.threshold";
    public static final String NEW_CLIENT_WINDOW = "new.client.window";
    public static final String POOL_CHURN_RATIO = "pool.churn.ratio";
    public static final String MAX_DESTINATIONS = "max.destinations";
    public static final String MAX_SITES = "max.sites";
    public static final String MAX_POOLS = "max.pools";
    public static final String LOG_LEVEL = "log.level";
    public static final String REPORT = "report";
    public static final String REPORT_INTERVAL = "report.interval";
    /** {@code on} or {@code off}: read the host's ephemeral ports from /proc (Linux only). */
    public static final String HEADROOM_PROBE = "headroom.probe";
    public static final String HEADROOM_INTERVAL = "headroom.interval";
    public static final String HEADROOM_LOW = "headroom.low";
    public static final String HEADROOM_HORIZON = "headroom.horizon";
    public static final String PROTECT = "protect";
    public static final String PROTECT_CRITICAL = "protect.critical";
    public static final String PROTECT_WAIT = "protect.wait";

    /** Every key this version understands, in documentation order. */
    public static final Set<String> KEYS = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(
            MODE, MIN_REQUESTS, NEW_CONNECTION_RATIO, NEW_CLIENT_THRESHOLD, NEW_CLIENT_WINDOW, POOL_CHURN_RATIO,
            MAX_DESTINATIONS, MAX_SITES, MAX_POOLS, LOG_LEVEL, REPORT, REPORT_INTERVAL, HEADROOM_PROBE,
            HEADROOM_INTERVAL, HEADROOM_LOW, HEADROOM_HORIZON, PROTECT, PROTECT_CRITICAL, PROTECT_WAIT)));

    private static final GuardConfig DEFAULTS = new Builder().build();

    private final GuardMode mode;
    private final int minRequests;
    private final double newConnectionRatio;
    private final int newClientThreshold;
    private final Duration newClientWindow;
    private final double poolChurnRatio;
    private final int maxDestinations;
    private final int maxSites;
    private final int maxPools;
    private final Level logLevel;
    private final Path report;
    private final Duration reportInterval;
    private final boolean headroomProbe;
    private final Duration headroomInterval;
    private final double headroomLow;
    private final Duration headroomHorizon;
    private final ProtectMode protect;
    private final double protectCritical;
    private final Duration protectWait;

    private GuardConfig(Builder b) {
        this.mode = b.mode;
        this.minRequests = b.minRequests;
        this.newConnectionRatio = b.newConnectionRatio;
        this.newClientThreshold = b.newClientThreshold;
        this.newClientWindow = b.newClientWindow;
        this.poolChurnRatio = b.poolChurnRatio;
        this.maxDestinations = b.maxDestinations;
        this.maxSites = b.maxSites;
        this.maxPools = b.maxPools;
        this.logLevel = b.logLevel;
        this.report = b.report;
        this.reportInterval = b.reportInterval;
        this.headroomProbe = b.headroomProbe;
        this.headroomInterval = b.headroomInterval;
        this.headroomLow = b.headroomLow;
        this.headroomHorizon = b.headroomHorizon;
        this.protect = b.protect;
        this.protectCritical = b.protectCritical;
        this.protectWait = b.protectWait;
    }

    public static GuardConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads {@code PORTGUARD_*} environment variables, then {@code portguard.*} system properties (which win).
     *
     * @throws GuardConfigException on the first invalid value or unknown key
     */
    public static GuardConfig fromEnvironment() {
        return builder().from(environmentSettings(System.getenv(), System.getProperties())).build();
    }

    /**
     * Like {@link #fromEnvironment()}, but never throws: each invalid value or unknown key is passed to
     * {@code problems} as one line, and its default is used. For code that must not stop the application.
     */
    public static GuardConfig fromEnvironment(Consumer<String> problems) {
        return builder().fromLenient(environmentSettings(System.getenv(), System.getProperties()), problems).build();
    }

    /**
     * The settings found in an environment and in system properties, as keys without prefix (system properties
     * win). Visible for the agent, which lays its own options on top.
     */
    public static Map<String, String> environmentSettings(Map<String, String> env, java.util.Properties props) {
        Map<String, String> settings = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                settings.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX) && name.length() > PROPERTY_PREFIX.length()) {
                settings.put(name.substring(PROPERTY_PREFIX.length()), props.getProperty(name));
            }
        }
        return settings;
    }

    public GuardMode mode() {
        return mode;
    }

    /** Requests a destination must have seen from a site before a ratio-based finding can be made. Default 20. */
    public int minRequests() {
        return minRequests;
    }

    /** Connections opened per request above which a site's traffic to a destination is flagged. Default 0.5. */
    public double newConnectionRatio() {
        return newConnectionRatio;
    }

    /** Client pools created at one site within {@link #newClientWindow()} that make a site suspect. Default 10. */
    public int newClientThreshold() {
        return newClientThreshold;
    }

    /** Default 60 s. */
    public Duration newClientWindow() {
        return newClientWindow;
    }

    /** Connections opened per request above which a pool smaller than its callers' concurrency churns. Default 0.1. */
    public double poolChurnRatio() {
        return poolChurnRatio;
    }

    /** Destinations counted separately; more go to an overflow bucket named {@code (other)}. Default 1000. */
    public int maxDestinations() {
        return maxDestinations;
    }

    /** Code sites counted separately; more share the site {@code (other)}. Default 500. */
    public int maxSites() {
        return maxSites;
    }

    /** Live client pools listed individually in snapshots; all are always counted. Default 1000. */
    public int maxPools() {
        return maxPools;
    }

    /** Level of the log line written for each finding; {@code OFF} silences it. Default WARNING. */
    public Level logLevel() {
        return logLevel;
    }

    /** Where the JSON report is written, if anywhere. */
    public Optional<Path> report() {
        return Optional.ofNullable(report);
    }

    /** How often a running agent rewrites the report. Default 60 s. */
    public Duration reportInterval() {
        return reportInterval;
    }

    /** Whether the guard reads the host's ephemeral ports from /proc on its probe thread. Default on. */
    public boolean headroomProbe() {
        return headroomProbe;
    }

    /** How often the probe reads /proc. Default 10 s. */
    public Duration headroomInterval() {
        return headroomInterval;
    }

    /**
     * Share of the usable port range below which a destination's headroom is low ({@code PORT_HEADROOM_LOW}).
     * Default 0.2.
     */
    public double headroomLow() {
        return headroomLow;
    }

    /** A predicted exhaustion within this long makes a {@code PORT_EXHAUSTION_FORECAST}. Default 10 min. */
    public Duration headroomHorizon() {
        return headroomHorizon;
    }

    /** Whether new connections may be refused to save the host's ports. Default off. */
    public ProtectMode protect() {
        return protect;
    }

    /** Share of the usable port range below which protect mode refuses new connections. Default 0.05. */
    public double protectCritical() {
        return protectCritical;
    }

    /** How long protect mode waits for headroom to come back before refusing. Default 0: refuse at once. */
    public Duration protectWait() {
        return protectWait;
    }

    /** The configuration as keys and values, in the form {@link Builder#from(Map)} reads. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(MODE, mode.configValue());
        map.put(MIN_REQUESTS, Integer.toString(minRequests));
        map.put(NEW_CONNECTION_RATIO, Double.toString(newConnectionRatio));
        map.put(NEW_CLIENT_THRESHOLD, Integer.toString(newClientThreshold));
        map.put(NEW_CLIENT_WINDOW, newClientWindow.toMillis() + "ms");
        map.put(POOL_CHURN_RATIO, Double.toString(poolChurnRatio));
        map.put(MAX_DESTINATIONS, Integer.toString(maxDestinations));
        map.put(MAX_SITES, Integer.toString(maxSites));
        map.put(MAX_POOLS, Integer.toString(maxPools));
        map.put(LOG_LEVEL, logLevel.name().toLowerCase(Locale.ROOT));
        map.put(REPORT, report == null ? "" : report.toString());
        map.put(REPORT_INTERVAL, reportInterval.toMillis() + "ms");
        map.put(HEADROOM_PROBE, headroomProbe ? "on" : "off");
        map.put(HEADROOM_INTERVAL, headroomInterval.toMillis() + "ms");
        map.put(HEADROOM_LOW, Double.toString(headroomLow));
        map.put(HEADROOM_HORIZON, headroomHorizon.toMillis() + "ms");
        map.put(PROTECT, protect.configValue());
        map.put(PROTECT_CRITICAL, Double.toString(protectCritical));
        map.put(PROTECT_WAIT, protectWait.toMillis() + "ms");
        return map;
    }

    @Override
    public String toString() {
        return "GuardConfig" + asMap();
    }

    /** Builds a {@link GuardConfig}; every setter validates at once. */
    public static final class Builder {
        private GuardMode mode = GuardMode.OBSERVE;
        private int minRequests = 20;
        private double newConnectionRatio = 0.5;
        private int newClientThreshold = 10;
        private Duration newClientWindow = Duration.ofSeconds(60);
        private double poolChurnRatio = 0.1;
        private int maxDestinations = 1000;
        private int maxSites = 500;
        private int maxPools = 1000;
        private Level logLevel = Level.WARNING;
        private Path report;
        private Duration reportInterval = Duration.ofSeconds(60);
        private boolean headroomProbe = true;
        private Duration headroomInterval = Duration.ofSeconds(10);
        private double headroomLow = 0.2;
        private Duration headroomHorizon = Duration.ofMinutes(10);
        private ProtectMode protect = ProtectMode.OFF;
        private double protectCritical = 0.05;
        private Duration protectWait = Duration.ZERO;

        private Builder() {
        }

        private Builder(GuardConfig c) {
            mode = c.mode;
            minRequests = c.minRequests;
            newConnectionRatio = c.newConnectionRatio;
            newClientThreshold = c.newClientThreshold;
            newClientWindow = c.newClientWindow;
            poolChurnRatio = c.poolChurnRatio;
            maxDestinations = c.maxDestinations;
            maxSites = c.maxSites;
            maxPools = c.maxPools;
            logLevel = c.logLevel;
            report = c.report;
            reportInterval = c.reportInterval;
            headroomProbe = c.headroomProbe;
            headroomInterval = c.headroomInterval;
            headroomLow = c.headroomLow;
            headroomHorizon = c.headroomHorizon;
            protect = c.protect;
            protectCritical = c.protectCritical;
            protectWait = c.protectWait;
        }

        public Builder mode(GuardMode mode) {
            this.mode = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder minRequests(int minRequests) {
            this.minRequests = positive(MIN_REQUESTS, minRequests);
            return this;
        }

        public Builder newConnectionRatio(double ratio) {
            this.newConnectionRatio = ratio(NEW_CONNECTION_RATIO, ratio);
            return this;
        }

        public Builder newClientThreshold(int threshold) {
            this.newClientThreshold = positive(NEW_CLIENT_THRESHOLD, threshold);
            return this;
        }

        public Builder newClientWindow(Duration window) {
            this.newClientWindow = positive(NEW_CLIENT_WINDOW, window);
            return this;
        }

        public Builder poolChurnRatio(double ratio) {
            this.poolChurnRatio = ratio(POOL_CHURN_RATIO, ratio);
            return this;
        }

        public Builder maxDestinations(int max) {
            this.maxDestinations = positive(MAX_DESTINATIONS, max);
            return this;
        }

        public Builder maxSites(int max) {
            this.maxSites = positive(MAX_SITES, max);
            return this;
        }

        public Builder maxPools(int max) {
            this.maxPools = positive(MAX_POOLS, max);
            return this;
        }

        public Builder logLevel(Level level) {
            this.logLevel = java.util.Objects.requireNonNull(level, "level");
            return this;
        }

        /** Where to write the JSON report; {@code null} for nowhere. */
        public Builder report(Path path) {
            this.report = path;
            return this;
        }

        public Builder reportInterval(Duration interval) {
            this.reportInterval = positive(REPORT_INTERVAL, interval);
            return this;
        }

        public Builder headroomProbe(boolean on) {
            this.headroomProbe = on;
            return this;
        }

        public Builder headroomInterval(Duration interval) {
            this.headroomInterval = positive(HEADROOM_INTERVAL, interval);
            return this;
        }

        public Builder headroomLow(double ratio) {
            this.headroomLow = ratio(HEADROOM_LOW, ratio);
            return this;
        }

        public Builder headroomHorizon(Duration horizon) {
            this.headroomHorizon = positive(HEADROOM_HORIZON, horizon);
            return this;
        }

        public Builder protect(ProtectMode protect) {
            this.protect = java.util.Objects.requireNonNull(protect, "protect");
            return this;
        }

        public Builder protectCritical(double ratio) {
            this.protectCritical = ratio(PROTECT_CRITICAL, ratio);
            return this;
        }

        /** Zero refuses at once; more waits up to that long for headroom to come back. */
        public Builder protectWait(Duration wait) {
            if (wait == null || wait.isNegative()) {
                throw new GuardConfigException(PROPERTY_PREFIX + PROTECT_WAIT, String.valueOf(wait),
                        "0, or a duration such as 500ms, 10s or PT1S");
            }
            this.protectWait = wait;
            return this;
        }

        /**
         * Applies settings given as text, keyed without prefix ({@code min.requests}).
         *
         * @throws GuardConfigException on the first invalid value or unknown key
         */
        public Builder from(Map<String, String> settings) {
            settings.forEach(this::set);
            return this;
        }

        /** Like {@link #from(Map)}, but reports each problem as one line to {@code problems} and keeps the default. */
        public Builder fromLenient(Map<String, String> settings, Consumer<String> problems) {
            settings.forEach((key, value) -> {
                try {
                    set(key, value);
                } catch (GuardConfigException e) {
                    problems.accept(e.getMessage() + "; using the default");
                }
            });
            return this;
        }

        /**
         * Applies one setting given as text.
         *
         * @throws GuardConfigException when the key is unknown or the value invalid
         */
        public Builder set(String key, String value) {
            String k = key.startsWith(PROPERTY_PREFIX) ? key.substring(PROPERTY_PREFIX.length()) : key;
            String v = value == null ? "" : value.trim();
            switch (k) {
                case MODE -> mode(parseMode(v));
                case MIN_REQUESTS -> minRequests(parseInt(k, v));
                case NEW_CONNECTION_RATIO -> newConnectionRatio(parseRatio(k, v));
                case NEW_CLIENT_THRESHOLD -> newClientThreshold(parseInt(k, v));
                case NEW_CLIENT_WINDOW -> newClientWindow(parseDuration(k, v));
                case POOL_CHURN_RATIO -> poolChurnRatio(parseRatio(k, v));
                case MAX_DESTINATIONS -> maxDestinations(parseInt(k, v));
                case MAX_SITES -> maxSites(parseInt(k, v));
                case MAX_POOLS -> maxPools(parseInt(k, v));
                case LOG_LEVEL -> logLevel(parseLevel(v));
                case REPORT -> report(v.isEmpty() ? null : parsePath(v));
                case REPORT_INTERVAL -> reportInterval(parseDuration(k, v));
                case HEADROOM_PROBE -> headroomProbe(parseOnOff(k, v));
                case HEADROOM_INTERVAL -> headroomInterval(parseDuration(k, v));
                case HEADROOM_LOW -> headroomLow(parseRatio(k, v));
                case HEADROOM_HORIZON -> headroomHorizon(parseDuration(k, v));
                case PROTECT -> protect(parseProtect(v));
                case PROTECT_CRITICAL -> protectCritical(parseRatio(k, v));
                case PROTECT_WAIT -> protectWait(v.equals("0") ? Duration.ZERO : parseWait(v));
                default -> throw new GuardConfigException(PROPERTY_PREFIX + k, v,
                        "one of the known keys " + sortedKeys());
            }
            return this;
        }

        public GuardConfig build() {
            return new GuardConfig(this);
        }

        private static List<String> sortedKeys() {
            List<String> keys = new ArrayList<>(KEYS);
            keys.sort(null);
            return keys;
        }

        private static GuardMode parseMode(String v) {
            for (GuardMode m : GuardMode.values()) {
                if (m.configValue().equalsIgnoreCase(v)) {
                    return m;
                }
            }
            throw new GuardConfigException(PROPERTY_PREFIX + MODE, v, "one of observe, strict, off");
        }

        private static boolean parseOnOff(String key, String v) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "on", "true" -> {
                    return true;
                }
                case "off", "false" -> {
                    return false;
                }
                default -> throw new GuardConfigException(PROPERTY_PREFIX + key, v, "on or off");
            }
        }

        private static ProtectMode parseProtect(String v) {
            for (ProtectMode m : ProtectMode.values()) {
                if (m.configValue().equalsIgnoreCase(v)) {
                    return m;
                }
            }
            throw new GuardConfigException(PROPERTY_PREFIX + PROTECT, v, "one of off, enforce");
        }

        private static Duration parseWait(String v) {
            try {
                return parseDuration(PROTECT_WAIT, v);
            } catch (GuardConfigException e) {
                String lower = v.toLowerCase(Locale.ROOT);
                if (lower.equals("0ms") || lower.equals("0s") || lower.equals("pt0s")) {
                    return Duration.ZERO;
                }
                throw new GuardConfigException(PROPERTY_PREFIX + PROTECT_WAIT, v,
                        "0, or a duration such as 500ms, 10s or PT1S");
            }
        }

        private static Level parseLevel(String v) {
            for (Level l : Level.values()) {
                if (l.name().equalsIgnoreCase(v)) {
                    return l;
                }
            }
            throw new GuardConfigException(PROPERTY_PREFIX + LOG_LEVEL, v,
                    "one of off, error, warning, info, debug, trace, all");
        }

        private static Path parsePath(String v) {
            try {
                return Path.of(v);
            } catch (RuntimeException e) {
                throw new GuardConfigException(PROPERTY_PREFIX + REPORT, v, "a file path");
            }
        }

        private static int parseInt(String key, String v) {
            try {
                return positive(key, Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw new GuardConfigException(PROPERTY_PREFIX + key, v, "a whole number of at least 1");
            }
        }

        private static double parseRatio(String key, String v) {
            try {
                double value = Double.parseDouble(v);
                if (!(value > 0 && value <= 1)) {
                    throw new NumberFormatException(v);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new GuardConfigException(PROPERTY_PREFIX + key, v, "a number above 0 and at most 1, like 0.5");
            }
        }

        /** Accepts {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} and ISO-8601 such as {@code PT10S}. */
        static Duration parseDuration(String key, String v) {
            String accepted = "a duration above zero such as 500ms, 10s, 5m, 1h or PT10S";
            try {
                Duration d;
                String lower = v.toLowerCase(Locale.ROOT);
                if (lower.startsWith("pt") || lower.startsWith("p")) {
                    d = Duration.parse(v.toUpperCase(Locale.ROOT));
                } else if (lower.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2).trim()));
                } else if (lower.endsWith("s")) {
                    d = Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
                } else if (lower.endsWith("m")) {
                    d = Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
                } else if (lower.endsWith("h")) {
                    d = Duration.ofHours(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
                } else {
                    throw new GuardConfigException(PROPERTY_PREFIX + key, v, accepted);
                }
                if (d.isNegative() || d.isZero()) {
                    throw new GuardConfigException(PROPERTY_PREFIX + key, v, accepted);
                }
                return d;
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new GuardConfigException(PROPERTY_PREFIX + key, v, accepted);
            }
        }

        private static int positive(String key, int value) {
            if (value < 1) {
                throw new GuardConfigException(PROPERTY_PREFIX + key, Integer.toString(value),
                        "a whole number of at least 1");
            }
            return value;
        }

        private static double ratio(String key, double value) {
            if (!(value > 0 && value <= 1)) {
                throw new GuardConfigException(PROPERTY_PREFIX + key, Double.toString(value),
                        "a number above 0 and at most 1, like 0.5");
            }
            return value;
        }

        private static Duration positive(String key, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new GuardConfigException(PROPERTY_PREFIX + key, String.valueOf(value),
                        "a duration above zero such as 500ms, 10s, 5m, 1h or PT10S");
            }
            return value;
        }
    }
}
