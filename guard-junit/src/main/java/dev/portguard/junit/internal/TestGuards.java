package dev.portguard.junit.internal;

import dev.portguard.core.GuardMode;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PortGuard;

/**
 * The guard that counts a test's connections: the agent's when the agent runs in this JVM (it instruments every
 * supported client, those wrapped by hand included), else the application's own {@code PortGuard.global()}, fed by
 * clients wrapped with guard-okhttp or guard-httpclient5.
 */
public final class TestGuards {
    private TestGuards() {
    }

    /** Whether guarding is switched off for this JVM ({@code portguard.mode=off}). */
    public static boolean off() {
        return PortGuard.global().config().mode() == GuardMode.OFF;
    }

    public static void reset() {
        view().reset();
    }

    /** At the end of a test: connections it took and still holds are leaks ({@code CONNECTION_LEAK}). */
    public static void findLeaksNow() {
        view().findLeaksNow();
    }

    public static GuardSnapshot snapshot() {
        return view().snapshot();
    }

    private static GuardView view() {
        return AgentGuard.find().orElseGet(LocalGuard::new);
    }
}
