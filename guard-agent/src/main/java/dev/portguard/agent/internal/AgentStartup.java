package dev.portguard.agent.internal;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.PortGuard;

import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.util.function.Consumer;

/**
 * Start-up, in the order that keeps it safe: settings, then the bridge in the boot class loader, and only then
 * anything that links against the bridge ({@link GuardHooks}, {@link Installer}). The guard is created meanwhile on a thread of its
 * own ({@link Creation}), so its cost overlaps the application's start-up; hooks that come before it is ready wait
 * for it ({@link PendingGuard}).
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
                new Warnings());
        AgentLog.verbose(config.logLevel() != Level.OFF
                && config.logLevel().getSeverity() <= Level.INFO.getSeverity());
        if (config.mode() == GuardMode.OFF) {
            AgentLog.info("mode is off: not instrumenting");
            return;
        }
        PendingGuard pending = new PendingGuard();
        Thread creation = new Thread(new Creation(config, pending), "portguard-start");
        creation.setDaemon(true);
        creation.start();
        BootClasses.define(instrumentation);
        Installer.install(instrumentation, new GuardHooks(pending), pending, config.report().orElse(null));
        MicrometerWatch.install(instrumentation, pending);
    }

    /** Creates the guard, makes it the process's, and lets waiting hooks go on. */
    private static final class Creation implements Runnable {
        private final GuardConfig config;
        private final PendingGuard pending;

        Creation(GuardConfig config, PendingGuard pending) {
            this.config = config;
            this.pending = pending;
        }

        @Override
        public void run() {
            pending.creating();
            PortGuard guard;
            AgentClients clients;
            try {
                guard = PortGuard.create(config);
                PortGuard.installGlobal(guard);
                clients = new AgentClients(guard);
            } catch (Throwable t) {
                pending.failed();
                AgentLog.warn("agent not started (" + t + "); the application runs unguarded");
                return;
            }
            pending.created(guard, clients);
            if (config.metricsPort().isPresent()) {
                MetricsStart.inBackground(guard, config.metricsHost(), config.metricsPort().getAsInt());
            }
        }
    }

    /** Settings' problems, one line each. */
    private static final class Warnings implements Consumer<String> {
        @Override
        public void accept(String line) {
            AgentLog.warn(line);
        }
    }
}
