package dev.portguard.agent.internal;

import dev.portguard.agent.bootstrap.Hooks;

/**
 * The agent's side of the bridge: runs the hook the woven call names ({@link Hook}) on the agent's clients.
 * Swallows every failure (the bridge does too): counting must never change what the application sees; a hook's
 * failure is said once ({@link HookCalls}).
 *
 * <p>Installed before the guard exists (it is created off the main thread): a hook that comes first waits for it,
 * so the first client is counted like any other.
 */
final class GuardHooks implements Hooks {
    private final PendingGuard pending;
    private volatile AgentClients clients;
    private final HookCalls calls = new HookCalls();

    GuardHooks(PendingGuard pending) {
        this.pending = pending;
    }

    boolean selfTestHasPassed() {
        AgentClients c = pending.awaitClients();
        return c != null && c.selfTestPassed;
    }

    @Override
    public Object call(int hook, Object a, Object b, Object c) {
        try {
            AgentClients ready = clients;
            if (ready == null) {
                ready = pending.awaitClients();
                if (ready == null) {
                    return null; // no guard: the application runs unguarded
                }
                clients = ready;
            }
            return calls.call(ready, hook, a, b, c);
        } catch (Throwable ignored) {
            return null; // never break the application
        }
    }
}
