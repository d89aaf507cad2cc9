package dev.portguard.core;

import dev.portguard.core.internal.config.KeySuggestion;
import dev.portguard.core.internal.config.Setting;
import dev.portguard.core.internal.config.Settings;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * Each setting's default and accepted values are in README's configuration table and {@link #defaults()}.
 */
public final class GuardConfig {
    /** Prefix of system properties. */
    public static final String PROPERTY_PREFIX = "portguard.";
    /** Prefix of environment variables. */
    public static final String ENV_PREFIX = "PORTGUARD_";

    public static final String MODE = Settings.MODE.key();
    public static final String MIN_REQUESTS = Settings.MIN_REQUESTS.key();
    public static final String NEW_CONNECTION_RATIO = Settings.NEW_CONNECTION_RATIO.key();
    public static final String NEW_CLIENT_THRESHOLD = Settings.NEW_CLIENT_THRESHOLD.key();
    public static final String NEW_CLIENT_WINDOW = Settings.NEW_CLIENT_WINDOW.key();
    public static final String POOL_CHURN_RATIO = Settings.POOL_CHURN_RATIO.key();
    public static final String MAX_DESTINATIONS = Settings.MAX_DESTINATIONS.key();
    public static final String MAX_SITES = Settings.MAX_SITES.key();
    public static final String MAX_POOLS = Settings.MAX_POOLS.key();
    public static final String MAX_ROUTES = Settings.MAX_ROUTES.key();
    public static final String LOG_LEVEL = Settings.LOG_LEVEL.key();
    public static final String FINDING_LEVEL = Settings.FINDING_LEVEL.key();
    public static final String REPORT = Settings.REPORT.key();
    public static final String REPORT_INTERVAL = Settings.REPORT_INTERVAL.key();
    public static final String TIMELINE_INTERVAL = Settings.TIMELINE_INTERVAL.key();
    public static final String TIMELINE_WINDOW = Settings.TIMELINE_WINDOW.key();
    public static final String METRICS_PORT = Settings.METRICS_PORT.key();
    public static final String METRICS_HOST = Settings.METRICS_HOST.key();
    /** {@code on} or {@code off}: read the host's ephemeral ports from /proc (Linux only). */
    public static final String HEADROOM_PROBE = Settings.HEADROOM_PROBE.key();
    public static final String HEADROOM_INTERVAL = Settings.HEADROOM_INTERVAL.key();
    public static final String HEADROOM_LOW = Settings.HEADROOM_LOW.key();
    public static final String HEADROOM_HORIZON = Settings.HEADROOM_HORIZON.key();
    public static final String PROTECT = Settings.PROTECT.key();
    public static final String PROTECT_CRITICAL = Settings.PROTECT_CRITICAL.key();
    public static final String PROTECT_WAIT = Settings.PROTECT_WAIT.key();
    public static final String LEAK_DETECT = Settings.LEAK_DETECT.key();
    public static final String LEAK_AGE = Settings.LEAK_AGE.key();
    public static final String LEAK_COUNT = Settings.LEAK_COUNT.key();
    public static final String LEAK_SAMPLE = Settings.LEAK_SAMPLE.key();
    public static final String LEAK_TRACKED = Settings.LEAK_TRACKED.key();

    /** Every key this version understands, in documentation order. */
    public static final Set<String> KEYS = keys();

    private static final GuardConfig DEFAULTS = new Builder().build();

    /** Values by {@link Setting#index()}. */
    private final Object[] values;

    private GuardConfig(Builder b) {
        this.values = b.values.clone();
    }

    private static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Setting<?> s : Settings.ALL) {
            keys.add(s.key());
        }
        return Collections.unmodifiableSet(keys);
    }

    private <T> T get(Setting<T> setting) {
        return setting.cast(values[setting.index()]);
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
     * Names this version does not know are ignored, unless they look like a mistyped key.
     *
     * @throws GuardConfigException on the first invalid value or mistyped key
     */
    public static GuardConfig fromEnvironment() {
        Map<String, String> settings = new LinkedHashMap<>();
        environmentSettings(System.getenv(), System.getProperties()).forEach((key, value) -> {
            if (Settings.byKey(key) != null || KeySuggestion.forKey(key).isPresent()) {
                settings.put(key, value); // a mistyped key stays, for the builder to refuse with its suggestion
            }
        });
        return builder().from(settings).build();
    }

    /**
     * Like {@link #fromEnvironment()}, but never throws: each invalid value or mistyped key is passed to
     * {@code problems} as one line, and its default is used. For code that must not stop the application.
     */
    public static GuardConfig fromEnvironment(Consumer<String> problems) {
        return builder().fromLenient(environmentSettings(System.getenv(), System.getProperties(), problems), problems)
                .build();
    }

    /**
     * The known settings found in an environment and in system properties, keyed without prefix (system properties
     * win). Other names under the prefix belong to someone else ({@code -Dportguard.version=0.1.0} from a build) and
     * are left out quietly; one that looks like a mistyped key is left out with a line to {@code problems} that
     * names the key it was probably meant to be.
     */
    public static Map<String, String> environmentSettings(Map<String, String> env, java.util.Properties props,
                                                          Consumer<String> problems) {
        Map<String, String> known = new LinkedHashMap<>();
        environmentSettings(env, props).forEach((key, value) -> {
            if (Settings.byKey(key) != null) {
                known.put(key, value);
            } else {
                KeySuggestion.forKey(key).ifPresent(meant -> problems.accept("PortGuard ignores "
                        + dev.portguard.core.internal.text.Quoted.bare(PROPERTY_PREFIX + key,
                                dev.portguard.core.internal.text.Quoted.DEFAULT_LIMIT) + ", which is not a setting: did you mean " + PROPERTY_PREFIX + meant
                        + " (env " + ENV_PREFIX + meant.toUpperCase(Locale.ROOT).replace('.', '_') + ")?"));
            }
        });
        return known;
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

    /** {@code mode}: observe, strict, mitigate or off. */
    public GuardMode mode() {
        return get(Settings.MODE);
    }

    /** {@code mitigate}: in mitigate mode, which sites' clients share connections. */
    public MitigateScope mitigate() {
        return get(Settings.MITIGATE);
    }

    /** {@code mitigate.after}: with {@code mitigate=all}, clients a site builds untouched before the rest share. */
    public int mitigateAfter() {
        return get(Settings.MITIGATE_AFTER);
    }

    /** {@code min.requests}: requests a destination must have seen from a site before a ratio-based finding. */
    public int minRequests() {
        return get(Settings.MIN_REQUESTS);
    }

    /** {@code new.connection.ratio}: connections opened per request above which traffic is flagged. */
    public double newConnectionRatio() {
        return get(Settings.NEW_CONNECTION_RATIO);
    }

    /** {@code new.client.threshold}: pools created at one site within the window that make a site suspect. */
    public int newClientThreshold() {
        return get(Settings.NEW_CLIENT_THRESHOLD);
    }

    /** {@code new.client.window}. */
    public Duration newClientWindow() {
        return get(Settings.NEW_CLIENT_WINDOW);
    }

    /** {@code pool.churn.ratio}: connections opened per request above which an undersized pool churns. */
    public double poolChurnRatio() {
        return get(Settings.POOL_CHURN_RATIO);
    }

    /** {@code max.destinations}: destinations counted separately; more share the bucket {@code (other)}. */
    public int maxDestinations() {
        return get(Settings.MAX_DESTINATIONS);
    }

    /** {@code max.sites}: code sites counted separately; more share the site {@code (other)}. */
    public int maxSites() {
        return get(Settings.MAX_SITES);
    }

    /** {@code max.pools}: live client pools listed individually in snapshots; all are always counted. */
    public int maxPools() {
        return get(Settings.MAX_POOLS);
    }

    /**
     * {@code max.routes}: pairs of a site and a destination counted separately, and, apart from those, pairs of a
     * live pool and a destination. Past it a new pair counts toward {@code (other)}: memory stays bounded however
     * many clients call however many destinations.
     */
    public int maxRoutes() {
        return get(Settings.MAX_ROUTES);
    }

    /**
     * {@code log.level}: how much PortGuard says. Its lines below this level are not written: {@code WARNING} shows
     * findings and problems, {@code INFO} also what the agent installed, {@code OFF} nothing.
     */
    public Level logLevel() {
        return get(Settings.LOG_LEVEL);
    }

    /** {@code finding.level}: the level each finding's log line is written at, whatever {@link #logLevel()} is. */
    public Level findingLevel() {
        return get(Settings.FINDING_LEVEL);
    }

    /** {@code report}: where the JSON report is written, if anywhere. */
    public Optional<Path> report() {
        return Optional.ofNullable(get(Settings.REPORT));
    }

    /** {@code report.interval}: how often a running agent rewrites the report. */
    public Duration reportInterval() {
        return get(Settings.REPORT_INTERVAL);
    }

    /** {@code timeline.interval}: how often the incident timeline takes a sample. */
    public Duration timelineInterval() {
        return get(Settings.TIMELINE_INTERVAL);
    }

    /** {@code timeline.window}: how far back the incident timeline reaches. */
    public Duration timelineWindow() {
        return get(Settings.TIMELINE_WINDOW);
    }

    /** {@code metrics.port}: where the agent serves Prometheus text, if anywhere. */
    public java.util.OptionalInt metricsPort() {
        Integer port = get(Settings.METRICS_PORT);
        return port == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(port);
    }

    /** {@code metrics.host}: the address the agent's metrics endpoint listens on; empty for all interfaces. */
    public String metricsHost() {
        String host = get(Settings.METRICS_HOST);
        return host == null ? "" : host;
    }

    /** {@code headroom.probe}: whether the guard reads the host's ephemeral ports from /proc on its probe thread. */
    public boolean headroomProbe() {
        return get(Settings.HEADROOM_PROBE);
    }

    /** {@code headroom.interval}: how often the probe reads /proc. */
    public Duration headroomInterval() {
        return get(Settings.HEADROOM_INTERVAL);
    }

    /** {@code headroom.low}: share of the usable port range below which headroom is low. */
    public double headroomLow() {
        return get(Settings.HEADROOM_LOW);
    }

    /** {@code headroom.horizon}: a predicted exhaustion within this long makes a forecast finding. */
    public Duration headroomHorizon() {
        return get(Settings.HEADROOM_HORIZON);
    }

    /** {@code protect}: whether new connections may be refused to save the host's ports. */
    public ProtectMode protect() {
        return get(Settings.PROTECT);
    }

    /** {@code protect.critical}: share of the usable port range below which protect mode refuses. */
    public double protectCritical() {
        return get(Settings.PROTECT_CRITICAL);
    }

    /** {@code protect.wait}: how long protect mode waits for headroom to come back before refusing. */
    public Duration protectWait() {
        return get(Settings.PROTECT_WAIT);
    }

    /** {@code leak.detect}: whether leased connections are tracked for {@code CONNECTION_LEAK}. */
    public boolean leakDetect() {
        return get(Settings.LEAK_DETECT);
    }

    /** {@code leak.age}: how long a connection may be held without read progress before it counts as leaked. */
    public Duration leakAge() {
        return get(Settings.LEAK_AGE);
    }

    /** {@code leak.count}: leaked connections held at once that raise {@code CONNECTION_LEAK}. */
    public int leakCount() {
        return get(Settings.LEAK_COUNT);
    }

    /** {@code leak.sample}: one acquisition in this many records its call site. */
    public int leakSample() {
        return get(Settings.LEAK_SAMPLE);
    }

    /** {@code leak.tracked}: leased connections tracked at once per site and destination. */
    public int leakTracked() {
        return get(Settings.LEAK_TRACKED);
    }

    /** The configuration as keys and values, in documentation order and the form {@link Builder#from(Map)} reads. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            map.put(s.key(), print(s));
        }
        return map;
    }

    private <T> String print(Setting<T> s) {
        return s.print(get(s));
    }

    @Override
    public String toString() {
        return "GuardConfig" + asMap();
    }

    /** Builds a {@link GuardConfig}; every setter validates at once. */
    public static final class Builder {
        private final Object[] values;

        private Builder() {
            values = new Object[Settings.ALL.size()];
            for (Setting<?> s : Settings.ALL) {
                values[s.index()] = s.defaultValue();
            }
        }

        private Builder(GuardConfig c) {
            values = c.values.clone();
        }

        private <T> Builder put(Setting<T> setting, T value) {
            values[setting.index()] = setting.check(value);
            return this;
        }

        public Builder mode(GuardMode mode) {
            return put(Settings.MODE, mode);
        }

        public Builder mitigate(MitigateScope scope) {
            return put(Settings.MITIGATE, scope);
        }

        public Builder mitigateAfter(int clients) {
            return put(Settings.MITIGATE_AFTER, clients);
        }

        public Builder minRequests(int minRequests) {
            return put(Settings.MIN_REQUESTS, minRequests);
        }

        public Builder newConnectionRatio(double ratio) {
            return put(Settings.NEW_CONNECTION_RATIO, ratio);
        }

        public Builder newClientThreshold(int threshold) {
            return put(Settings.NEW_CLIENT_THRESHOLD, threshold);
        }

        public Builder newClientWindow(Duration window) {
            return put(Settings.NEW_CLIENT_WINDOW, window);
        }

        public Builder poolChurnRatio(double ratio) {
            return put(Settings.POOL_CHURN_RATIO, ratio);
        }

        public Builder maxDestinations(int max) {
            return put(Settings.MAX_DESTINATIONS, max);
        }

        public Builder maxSites(int max) {
            return put(Settings.MAX_SITES, max);
        }

        public Builder maxPools(int max) {
            return put(Settings.MAX_POOLS, max);
        }

        public Builder maxRoutes(int max) {
            return put(Settings.MAX_ROUTES, max);
        }

        public Builder logLevel(Level level) {
            return put(Settings.LOG_LEVEL, level);
        }

        public Builder findingLevel(Level level) {
            return put(Settings.FINDING_LEVEL, level);
        }

        /** Where to write the JSON report; {@code null} for nowhere. */
        public Builder report(Path path) {
            return put(Settings.REPORT, path);
        }

        public Builder reportInterval(Duration interval) {
            return put(Settings.REPORT_INTERVAL, interval);
        }

        public Builder timelineInterval(Duration interval) {
            return put(Settings.TIMELINE_INTERVAL, interval);
        }

        public Builder timelineWindow(Duration window) {
            return put(Settings.TIMELINE_WINDOW, window);
        }

        /** The agent's Prometheus endpoint port (1-65535); {@code null} for none. */
        public Builder metricsPort(Integer port) {
            return put(Settings.METRICS_PORT, port);
        }

        /** The address the agent's Prometheus endpoint listens on; empty for all interfaces. */
        public Builder metricsHost(String host) {
            return put(Settings.METRICS_HOST, host);
        }

        public Builder headroomProbe(boolean on) {
            return put(Settings.HEADROOM_PROBE, on);
        }

        public Builder headroomInterval(Duration interval) {
            return put(Settings.HEADROOM_INTERVAL, interval);
        }

        public Builder headroomLow(double ratio) {
            return put(Settings.HEADROOM_LOW, ratio);
        }

        public Builder headroomHorizon(Duration horizon) {
            return put(Settings.HEADROOM_HORIZON, horizon);
        }

        public Builder protect(ProtectMode protect) {
            return put(Settings.PROTECT, protect);
        }

        public Builder protectCritical(double ratio) {
            return put(Settings.PROTECT_CRITICAL, ratio);
        }

        /** Zero refuses at once; more waits up to that long for headroom to come back. */
        public Builder protectWait(Duration wait) {
            return put(Settings.PROTECT_WAIT, wait);
        }

        public Builder leakDetect(boolean on) {
            return put(Settings.LEAK_DETECT, on);
        }

        public Builder leakAge(Duration age) {
            return put(Settings.LEAK_AGE, age);
        }

        public Builder leakCount(int count) {
            return put(Settings.LEAK_COUNT, count);
        }

        public Builder leakSample(int oneIn) {
            return put(Settings.LEAK_SAMPLE, oneIn);
        }

        public Builder leakTracked(int max) {
            return put(Settings.LEAK_TRACKED, max);
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

        /**
         * Like {@link #from(Map)}, but reports each problem as one line to {@code problems}, naming the key, the
         * value (quoted and escaped) and the default it keeps.
         */
        public Builder fromLenient(Map<String, String> settings, Consumer<String> problems) {
            settings.forEach((key, value) -> {
                try {
                    set(key, value);
                } catch (RuntimeException e) { // a GuardConfigException; anything else must not escape either
                    Setting<?> setting = Settings.byKey(withoutPrefix(key));
                    String message = e instanceof GuardConfigException ? e.getMessage()
                            : new GuardConfigException(PROPERTY_PREFIX + withoutPrefix(key), value, "a valid value")
                                    .getMessage();
                    problems.accept(message + (setting == null ? "; using the defaults"
                            : "; using the default " + setting.printedDefault()));
                }
            });
            return this;
        }

        private static String withoutPrefix(String key) {
            return key.startsWith(PROPERTY_PREFIX) ? key.substring(PROPERTY_PREFIX.length()) : key;
        }

        /**
         * Applies one setting given as text.
         *
         * @throws GuardConfigException when the key is unknown or the value invalid
         */
        public Builder set(String key, String value) {
            String k = withoutPrefix(key);
            String v = value == null ? "" : value.trim();
            Setting<?> setting = Settings.byKey(k);
            if (setting == null) {
                throw new GuardConfigException(PROPERTY_PREFIX + k, v, KeySuggestion.forKey(k)
                        .map(meant -> "a known key; did you mean " + PROPERTY_PREFIX + meant + "?")
                        .orElseGet(() -> "one of the known keys " + sortedKeys()));
            }
            values[setting.index()] = setting.parse(v);
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
    }
}
