package dev.portguard.core.internal.headroom;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.headroom.HostPorts;

import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread that reads the host every {@code headroom.interval} (or every {@code timeline.interval} when
 * that is shorter) and then lets the timeline sample, started with the first pool (a guard nobody uses costs no
 * thread) and woken early when a reading is wanted sooner. Where the probe is off or finds no /proc it goes on
 * ticking for the timeline alone.
 */
final class ProbeThread {
    /** Woken probes (after a failure, or by protect mode) never come closer than this to the previous one. */
    private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** A finding's announcement that waited this long has lost its exchange (a leak, a hung call): say it now. */
    private static final long STALE_ANNOUNCEMENT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final GuardConfig config;
    private final HeadroomEvaluation evaluation;
    private volatile Thread thread;

    ProbeThread(GuardConfig config, HeadroomEvaluation evaluation) {
        this.config = config;
        this.evaluation = evaluation;
    }

    void startIfNeeded() {
        if (thread != null) {
            return;
        }
        synchronized (this) {
            if (thread != null) {
                return;
            }
            long every = Math.min(config.headroomInterval().toNanos(), config.timelineInterval().toNanos());
            Thread t = new Thread(new Loop(evaluation, every, config.headroomProbe()), "portguard-headroom-probe");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** Asks for a reading soon (no sooner than the minimum gap after the last one). */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * The thread's loop. It holds the evaluation weakly, so a guard nobody references any more is collected and
     * its thread ends at the next tick.
     */
    private static final class Loop implements Runnable {
        private final WeakReference<HeadroomEvaluation> ref;
        private final long intervalNanos;
        private boolean reading;

        Loop(HeadroomEvaluation evaluation, long intervalNanos, boolean reading) {
            this.ref = new WeakReference<>(evaluation);
            this.intervalNanos = intervalNanos;
            this.reading = reading;
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                HeadroomEvaluation evaluation = ref.get();
                if (evaluation == null) {
                    return;
                }
                long started = System.nanoTime();
                // a finding whose request never gave its connection back; one raised just now waits for its own exchange
                evaluation.publisher().announceWaitingLongerThan(STALE_ANNOUNCEMENT_NANOS);
                if (reading) {
                    read(evaluation);
                }
                evaluation.tick(false);
                evaluation = null; // let the guard be collected while this thread sleeps
                LockSupport.parkNanos(this, intervalNanos);
                long gap;
                while ((gap = System.nanoTime() - started) < MIN_GAP_NANOS) {
                    LockSupport.parkNanos(this, MIN_GAP_NANOS - gap); // woken early: still no busier than this
                }
            }
        }

        private void read(HeadroomEvaluation evaluation) {
            HostPorts host;
            try {
                host = evaluation.refresh();
            } catch (RuntimeException e) {
                evaluation.publisher().note(Level.DEBUG, "PortGuard headroom probe failed: " + e);
                host = null;
            } catch (OutOfMemoryError e) {
                // The scan itself needs a fixed few hundred KiB; a full heap is the application's, and the probe
                // must neither die of it nor print it: skip this reading, keep the last, try at the next tick.
                evaluation.publisher().note(Level.DEBUG, "PortGuard headroom probe skipped a reading: heap full");
                host = null;
            }
            if (host != null && !host.available()) {
                evaluation.publisher().note(Level.INFO, "PortGuard port headroom probe is unavailable and stops: "
                        + host.unknown().getOrDefault("host", "unknown reason"));
                reading = false; // not Linux, or no /proc: once is enough; the timeline still ticks
            }
        }
    }
}
