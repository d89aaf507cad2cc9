package dev.portguard.agent.internal;

import dev.portguard.agent.bootstrap.Hooks;
import dev.portguard.core.PortGuard;

/**
 * The agent's side of the bridge: runs the hook the woven call names ({@link Hook}) on the agent's clients.
 * Swallows every failure (the bridge does too): counting must never change what the application sees.
 */
final class GuardHooks implements Hooks {
    private final AgentClients clients;

    GuardHooks(PortGuard guard) {
        this.clients = new AgentClients(guard);
    }

    boolean selfTestHasPassed() {
        return clients.selfTestPassed;
    }

    @Override
    public Object call(int hook, Object a, Object b, Object c) {
        try {
            Hook h = Hook.byNumber(hook);
            return h == null ? null : h.on(clients, a, b, c); // null: woven by another agent version
        } catch (Throwable ignored) {
            return null; // never break the application
        }
    }
}
