package dev.portguard.core;

import dev.portguard.core.internal.FindingSink;
import dev.portguard.core.internal.Ledger;
import dev.portguard.core.internal.Log;
import dev.portguard.core.internal.NoopPool;
import dev.portguard.core.spi.CallSites;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolSettings;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The guard: counts what client hooks report, turns counts into {@link Finding}s and hands them to the sinks
 * (a log line, {@link FindingListener}s, {@link #snapshot()} and the JSON report).
 *
 * <p>Most applications use {@link #global()}, configured from {@code portguard.*} system properties and
 * {@code PORTGUARD_*} environment variables; tests usually {@link #create(GuardConfig)} their own.
 */
public final class PortGuard {
    private static volatile PortGuard global;

    private final GuardConfig config;
    private final Ledger ledger;
    private final CopyOnWriteArrayList<FindingListener> listeners = new CopyOnWriteArrayList<>();

    private PortGuard(GuardConfig config) {
        this.config = config;
        FindingSink sink = this::publish;
        this.ledger = new Ledger(config, sink);
    }

    /** A guard of its own with this configuration. */
    public static PortGuard create(GuardConfig config) {
        return new PortGuard(java.util.Objects.requireNonNull(config, "config"));
    }

    /**
     * The process-wide guard, created on first use from the environment. An invalid setting is logged in one line
     * and its default used: configuration never stops the application.
     */
    public static PortGuard global() {
        PortGuard g = global;
        if (g == null) {
            synchronized (PortGuard.class) {
                g = global;
                if (g == null) {
                    GuardConfig config = GuardConfig.fromEnvironment(problem -> Log.logger().log(Level.WARNING, problem));
                    g = new PortGuard(config);
                    global = g;
                }
            }
        }
        return g;
    }

    /**
     * Makes {@code guard} the process-wide guard, for an agent or a test harness that configures it itself.
     *
     * @return the guard it replaces, or {@code null}
     */
    public static synchronized PortGuard installGlobal(PortGuard guard) {
        PortGuard previous = global;
        global = java.util.Objects.requireNonNull(guard, "guard");
        return previous;
    }

    public GuardConfig config() {
        return config;
    }

    /**
     * Registers a client pool created by the code now on the stack; the site is the first frame of user code.
     * Integrations call this once per pool, never per request.
     */
    public ClientPool newPool(ClientKind kind, PoolSettings settings) {
        if (config.mode() == GuardMode.OFF) {
            return new NoopPool(kind, settings);
        }
        return ledger.newPool(kind, settings, CallSites.capture());
    }

    /** Registers a client pool whose creation site the integration captured itself. */
    public ClientPool newPool(ClientKind kind, PoolSettings settings, String site) {
        if (config.mode() == GuardMode.OFF) {
            return new NoopPool(kind, settings);
        }
        return ledger.newPool(kind, settings, site);
    }

    /**
     * Forgets all counts and findings; guarded clients stay guarded and count from zero. For test harnesses
     * between tests (see guard-junit), not for production.
     */
    public void reset() {
        ledger.reset();
    }

    /** The findings and counts as they stand. */
    public GuardSnapshot snapshot() {
        return new GuardSnapshot(Instant.now(), config.mode(), ledger.findings(), ledger.destinations(),
                ledger.pools(), ledger.headroom().report());
    }

    /**
     * Reads the host's ports now, on the calling thread, and re-evaluates every destination's headroom (the probe
     * thread does this every {@code headroom.interval} anyway). For tests and tools; costs a scan of
     * {@code /proc/net/tcp*}. Never throws.
     */
    public dev.portguard.core.headroom.HostPorts refreshHeadroom() {
        return ledger.headroom().refresh();
    }

    /**
     * The counts toward one {@code host:port} as they stand, without building a whole snapshot: for metrics
     * registries that read each counter on every scrape.
     */
    public java.util.Optional<DestinationCounts> destinationCounts(String hostAndPort) {
        return ledger.destinationCounts(hostAndPort);
    }

    /**
     * Tells {@code listener} the name of each destination when it is first counted, so a metrics binder can
     * register its meters (at most {@code max.destinations} + 1 names, the overflow bucket included).
     */
    public Registration addDestinationListener(java.util.function.Consumer<String> listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        ledger.addDestinationListener(listener);
        return () -> ledger.removeDestinationListener(listener);
    }

    /** Tells {@code listener} of each finding made from now on. */
    public Registration addListener(FindingListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** Writes the JSON report to {@code path}, replacing it whole (readers never see half a report). */
    public void writeReport(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".portguard-report", ".tmp");
        try {
            Files.writeString(tmp, snapshot().toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void publish(Finding finding) {
        if (config.logLevel() != Level.OFF && Log.logger().isLoggable(config.logLevel())) {
            Log.logger().log(config.logLevel(), "PortGuard " + finding.type() + " toward " + finding.destination() + " at "
                    + finding.site() + ": " + finding.message() + " Fix: " + finding.advice());
        }
        for (FindingListener listener : listeners) {
            try {
                listener.onFinding(finding);
            } catch (RuntimeException | LinkageError e) {
                Log.logger().log(Level.WARNING, "PortGuard finding listener " + listener.getClass().getName()
                        + " threw " + e + "; going on");
            }
        }
    }

    @Override
    public String toString() {
        return "PortGuard[" + config.mode().configValue() + "]";
    }
}
