package dev.portguard.agent.bootstrap;

/**
 * What instrumented library code reports, typed with JDK types only so that any class loader (the JDK's own
 * included) can link against it. The agent implements it in its own class loader; see {@link Bridge}.
 * Implementations never throw and never block.
 */
public interface Hooks {
    /**
     * Hook number {@code hook} of the agent's table of bridge calls, with up to three values (unused ones null).
     *
     * @return what the hook hands back to the woven code (a token for the exit call), or null
     */
    Object call(int hook, Object a, Object b, Object c);
}
