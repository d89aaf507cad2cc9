package dev.portguard.agent.internal;

import dev.portguard.core.PortGuard;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The guard while the agent's start-up thread creates it, off the application's main thread so its creation
 * overlaps the application's own start-up. Whoever needs the guard first (a hook at the first client, the exit
 * hook, Micrometer's binding) waits for it here, so nothing reported during start-up is lost. The wait is bounded:
 * a guard that never comes leaves the application unguarded, never stopped.
 */
final class PendingGuard {
    /** Creation takes tens of milliseconds; this bound is only for a creation that hangs. */
    private static final long WAIT_SECONDS = 10;

    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile PortGuard guard;
    private volatile AgentClients clients;
    private volatile Thread creator;
    private volatile boolean lateSaid;

    /** Called on the thread that creates the guard, before it does. */
    void creating() {
        creator = Thread.currentThread();
    }

    /** The guard and the agent's clients that report to it are ready; waiters go on. */
    void created(PortGuard created, AgentClients itsClients) {
        clients = itsClients;
        guard = created;
        settled.countDown();
    }

    /** Creation failed: waiters go on without a guard. */
    void failed() {
        settled.countDown();
    }

    /** The agent's clients, waiting like {@link #await()}; {@code null} if there is no guard. */
    AgentClients awaitClients() {
        await();
        return clients;
    }

    /**
     * The guard, waiting (bounded) for its creation to finish; {@code null} if it failed or hangs. The creating
     * thread itself never waits (a class it loads while creating could otherwise wait for itself).
     */
    PortGuard await() {
        PortGuard g = guard;
        if (g != null || Thread.currentThread() == creator) {
            return g;
        }
        try {
            if (!settled.await(WAIT_SECONDS, TimeUnit.SECONDS) && !lateSaid) {
                lateSaid = true; // once, give or take a race: a second line is harmless
                AgentLog.warn("the guard was not ready after " + WAIT_SECONDS + " s; what the application"
                        + " did meanwhile is not counted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return guard;
    }
}
