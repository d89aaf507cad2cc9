package dev.portguard.agent.internal;

import dev.portguard.core.PortGuard;
import dev.portguard.core.internal.report.ReportFile;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the JSON report every {@code report.interval} on one daemon thread, and once more at exit. The first
 * failure to write is logged; later ones are not, so a read-only path cannot flood the log.
 *
 * <p>At start it removes the temporary reports a killed process left beside the report (and looks once more when
 * those of a process killed just before this one started are old enough). At exit it stops the timer and waits
 * for a write in progress before the last write: the JVM stops daemon threads where they stand, and one stopped
 * mid-write would leave its temporary file behind.
 */
final class ReportWriter {
    /** How long the exit waits for a periodic write in progress; a write takes milliseconds. */
    private static final long EXIT_WAIT_MILLIS = 5_000;

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
        ScheduledExecutorService timer = null;
        if (writer != null) {
            ReportFile.removeStale(path);
            long every = Math.max(1, guard.config().reportInterval().toMillis());
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "portguard-report");
                t.setDaemon(true);
                return t;
            });
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            timer = executor;
            timer.scheduleAtFixedRate(writer::write, every, every, TimeUnit.MILLISECONDS);
            timer.schedule(() -> ReportFile.removeStale(path),
                    ReportFile.STALE_AFTER.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        }
        ScheduledExecutorService periodic = timer;
        Thread hook = new Thread(() -> {
            if (writer != null) {
                stop(periodic);
                writer.write();
            }
            atExit.run();
        }, "portguard-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void stop(ScheduledExecutorService timer) {
        timer.shutdown(); // no interrupt: it would abandon a write in progress and fail it
        try {
            timer.awaitTermination(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void write() {
        try {
            guard.writeReport(path);
        } catch (Exception | LinkageError e) {
            if (failureLogged.compareAndSet(false, true)) {
                AgentLog.warn("cannot write the report to " + path + " (" + e + ")");
            }
        }
    }
}
