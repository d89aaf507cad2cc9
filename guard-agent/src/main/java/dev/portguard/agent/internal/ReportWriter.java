package dev.portguard.agent.internal;

import dev.portguard.core.PortGuard;
import dev.portguard.core.internal.report.ReportFile;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the JSON report every {@code report.interval} on one daemon thread, and once more at exit, after reading
 * the host again. The first failure to write is logged; later ones are not, so a read-only path cannot flood the
 * log.
 *
 * <p>The exit hook is registered at start-up, before the guard exists (it is created off the main thread), so a
 * process that ends at once still leaves its report: the hook waits for the guard. The timer starts once the guard
 * is ready, and none of the report's classes are loaded before then.
 *
 * <p>When the timer starts it removes the temporary reports a killed process left beside the report (and looks
 * once more when those of a process killed just before this one started are old enough). At exit it stops the
 * timer and waits for a write in progress before the last write: the JVM stops daemon threads where they stand,
 * and one stopped mid-write would leave its temporary file behind.
 */
final class ReportWriter implements Runnable {
    /** How long the exit waits for a periodic write in progress; a write takes milliseconds. */
    private static final long EXIT_WAIT_MILLIS = 5_000;

    private final PendingGuard pending;
    private final Path path;
    private final Runnable atExit;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private ScheduledExecutorService timer;
    private boolean exiting;

    private ReportWriter(PendingGuard pending, Path path, Runnable atExit) {
        this.pending = pending;
        this.path = path;
        this.atExit = atExit;
    }

    /**
     * Registers the exit hook: the last report if {@code path} is not {@code null}, then {@code atExit} either
     * way. Call {@link #startTimer} once the guard is ready.
     */
    static ReportWriter atExit(PendingGuard pending, Path path, Runnable atExit) {
        ReportWriter writer = new ReportWriter(pending, path, atExit);
        Runtime.getRuntime().addShutdownHook(new Thread(writer, "portguard-exit"));
        return writer;
    }

    /** Starts rewriting the report every {@code report.interval}, if a report path is configured. */
    void startTimer(PortGuard guard) {
        if (path == null) {
            return;
        }
        ReportFile.removeStale(path);
        long every = Math.max(1, guard.config().reportInterval().toMillis());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new Daemon());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        synchronized (this) {
            if (exiting) {
                executor.shutdown();
                return;
            }
            timer = executor;
        }
        executor.scheduleAtFixedRate(new Periodic(this, guard), every, every, TimeUnit.MILLISECONDS);
        executor.schedule(new Stale(path), ReportFile.STALE_AFTER.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    /** The exit hook. */
    @Override
    public void run() {
        if (path != null) {
            PortGuard guard = pending.await();
            if (guard != null) {
                ScheduledExecutorService periodic;
                synchronized (this) {
                    exiting = true;
                    periodic = timer;
                }
                if (periodic != null) {
                    stop(periodic);
                }
                readHostAgain(guard);
                write(guard);
            }
        }
        atExit.run();
    }

    /**
     * The last report is what a short process leaves behind, and the probe's last reading may be from start-up,
     * before any connection: read the host once more, so its ports held are those at exit.
     */
    private static void readHostAgain(PortGuard guard) {
        if (!guard.config().headroomProbe()) {
            return;
        }
        try {
            guard.testing().refreshHeadroom();
        } catch (RuntimeException | LinkageError e) {
            // the report is still written, with the probe's last reading
        }
    }

    private static void stop(ScheduledExecutorService timer) {
        timer.shutdown(); // no interrupt: it would abandon a write in progress and fail it
        try {
            timer.awaitTermination(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void write(PortGuard guard) {
        try {
            guard.writeReport(path);
        } catch (Exception | LinkageError e) {
            if (failureLogged.compareAndSet(false, true)) {
                AgentLog.warn("cannot write the report to " + path + " (" + e + ")");
            }
        }
    }

    /** The timer's write. */
    private static final class Periodic implements Runnable {
        private final ReportWriter writer;
        private final PortGuard guard;

        Periodic(ReportWriter writer, PortGuard guard) {
            this.writer = writer;
            this.guard = guard;
        }

        @Override
        public void run() {
            writer.write(guard);
        }
    }

    /** The timer's second look for a killed process's temporary reports. */
    private static final class Stale implements Runnable {
        private final Path path;

        Stale(Path path) {
            this.path = path;
        }

        @Override
        public void run() {
            ReportFile.removeStale(path);
        }
    }

    private static final class Daemon implements ThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "portguard-report");
            t.setDaemon(true);
            return t;
        }
    }
}
