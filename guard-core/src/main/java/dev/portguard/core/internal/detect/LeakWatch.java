package dev.portguard.core.internal.detect;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread that has the leak detector look every quarter of {@code leak.age} (at least every 5 s, at
 * most every 50 ms), started when the first lease is tracked: detection never runs on a request.
 */
public final class LeakWatch {
    private static final long LONGEST_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long SHORTEST_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final LeakDetector detector;
    private final long intervalNanos;
    private volatile Thread thread;

    public LeakWatch(LeakDetector detector, long ageNanos) {
        this.detector = detector;
        this.intervalNanos = Math.max(SHORTEST_NANOS, Math.min(LONGEST_NANOS, ageNanos / 4));
    }

    public LeakDetector detector() {
        return detector;
    }

    public void startIfNeeded() {
        if (thread != null) {
            return;
        }
        synchronized (this) {
            if (thread != null) {
                return;
            }
            Thread t = new Thread(new Loop(detector, intervalNanos), "portguard-leak-watch");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** Holds the detector weakly, so a guard nobody references is collected and this thread ends at its next tick. */
    private static final class Loop implements Runnable {
        private final WeakReference<LeakDetector> ref;
        private final long intervalNanos;

        Loop(LeakDetector detector, long intervalNanos) {
            this.ref = new WeakReference<>(detector);
            this.intervalNanos = intervalNanos;
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(this, intervalNanos);
                LeakDetector detector = ref.get();
                if (detector == null) {
                    return;
                }
                try {
                    detector.look(System.nanoTime());
                } catch (RuntimeException | OutOfMemoryError e) {
                    // a look is skipped, never the watch: the next tick tries again
                }
            }
        }
    }
}
