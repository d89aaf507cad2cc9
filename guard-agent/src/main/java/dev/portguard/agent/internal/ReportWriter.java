package dev.portguard.agent.internal;

import dev.portguard.core.PortGuard;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the JSON report every {@code report.interval} on one daemon thread, and once more at exit, after reading
 * the host again. The first
 * failure to write is logged; later ones are not, so a read-only path cannot flood the log.
 */
final class ReportWriter {
    private final PortGuard guard;
    private final Path path;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    private ReportWriter(PortGuard guard, Path path) {
        this.guard = guard;
        this.path = path;
    }

    /** Starts writing if a report path is configured; {@code atExit} runs at shutdown either way. */
    static void start(PortGuard guard, Runnable atExit) {
        Path path = guard.config().report().orElse(null);
        ReportWriter writer = path == null ? null : new ReportWriter(guard, path);
        if (writer != null) {
            long every = Math.max(1, guard.config().reportInterval().toMillis());
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "portguard-report");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(writer::write, every, every, TimeUnit.MILLISECONDS);
        }
        Thread hook = new Thread(() -> {
            if (writer != null) {
                writer.readHostAgain();
                writer.write();
            }
            atExit.run();
        }, "portguard-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * The last report is what a short process leaves behind, and the probe's last reading may be from start-up,
     * before any connection: read the host once more, so its ports held are those at exit.
     */
    private void readHostAgain() {
        if (!guard.config().headroomProbe()) {
            return;
        }
        try {
            guard.testing().refreshHeadroom();
        } catch (RuntimeException | LinkageError e) {
            // the report is still written, with the probe's last reading
        }
    }

    private void write() {
        try {
            guard.writeReport(path);
        } catch (Exception | LinkageError e) {
            if (failureLogged.compareAndSet(false, true)) {
                AgentLog.warn("cannot write the report to " + path + " (" + e + ")");
            }
        }
    }
}
