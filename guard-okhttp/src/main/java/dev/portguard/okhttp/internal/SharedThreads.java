package dev.portguard.okhttp.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pool of dispatcher threads for every mitigated client, shaped like OkHttp's own (no core threads, idle ones
 * end after 60 s), so a program that builds a client per request runs its async calls on threads it already has
 * instead of starting a pool per client. Threads are bounded by the calls in flight at once (each client's
 * dispatcher still caps its own).
 *
 * <p>Each dispatcher gets its own {@link #forDispatcher() view}: shutting a client's executor down (how many
 * programs close a client) stops that client taking calls, exactly as before, and leaves the shared threads to
 * the others.
 */
final class SharedThreads {
    private static final ThreadPoolExecutor THREADS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60,
            TimeUnit.SECONDS, new SynchronousQueue<>(), new Named());

    private SharedThreads() {
    }

    static ExecutorService forDispatcher() {
        return new ClientView();
    }

    /** Threads alive in the shared pool now: for tests and the report's evidence. */
    static int threads() {
        return THREADS.getPoolSize();
    }

    private static final class Named implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            // not daemon, like OkHttp's dispatcher threads: an async call keeps the JVM up until it completes
            Thread t = new Thread(r, "OkHttp Dispatcher (shared by PortGuard) " + count.incrementAndGet());
            t.setDaemon(false);
            return t;
        }
    }

    /** One client's executor: runs on the shared threads, shuts down alone. */
    private static final class ClientView extends AbstractExecutorService {
        private final AtomicInteger running = new AtomicInteger();
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable task) {
            if (shutdown) {
                throw new RejectedExecutionException("executor shut down");
            }
            running.incrementAndGet();
            try {
                THREADS.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        finished();
                    }
                });
            } catch (RuntimeException e) {
                finished();
                throw e;
            }
        }

        private void finished() {
            if (running.decrementAndGet() == 0) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown && running.get() == 0;
        }

        @Override
        public synchronized boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!isTerminated()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }
}
