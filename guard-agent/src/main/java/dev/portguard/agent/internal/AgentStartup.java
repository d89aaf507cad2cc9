package dev.portguard.agent.internal;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.PortGuard;

import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;

/**
 * Start-up, in the order that keeps it safe: settings, then the guard, then the bridge in the boot class loader,
 * and only then anything that links against the bridge ({@link Installer}).
 */
public final class AgentStartup {
    private static volatile boolean started;

    private AgentStartup() {
    }

    /** Whether start-up ran in this JVM (also when it found mode off or failed half-way). */
    public static boolean hasStarted() {
        return started;
    }

    public static synchronized void start(String agentArgument, Instrumentation instrumentation) throws Exception {
        if (started) {
            return; // attached twice: the first one guards
        }
        started = true;
        GuardConfig config = AgentOptions.resolve(agentArgument, System.getenv(), System.getProperties(),
                AgentLog::warn);
        AgentLog.verbose(config.logLevel() != Level.OFF
                && config.logLevel().getSeverity() <= Level.INFO.getSeverity());
        if (config.mode() == GuardMode.OFF) {
            AgentLog.info("mode is off: not instrumenting");
            return;
        }
        PortGuard guard = PortGuard.create(config);
        PortGuard.installGlobal(guard);
        BootClasses.define(instrumentation);
        Installer.install(instrumentation, guard);
        MicrometerWatch.install(instrumentation);
        config.metricsPort().ifPresent(port -> MetricsStart.inBackground(guard, config.metricsHost(), port));
    }
}
