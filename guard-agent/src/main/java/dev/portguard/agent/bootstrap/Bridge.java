package dev.portguard.agent.bootstrap;

/**
 * The one entry point advice calls from inside library and JDK classes. It lives on the boot class path, so code
 * loaded by any class loader can reach it, and forwards to the {@link Hooks} the agent installed. Before that, or
 * when a hook fails, every call is a no-op: instrumented code must never break because of the guard.
 *
 * <p>One method for every hook (the agent's table numbers them), with a fixed arity so a call allocates nothing:
 * a new seam adds an entry to the agent's table, never a method here.
 */
public final class Bridge {
    private static volatile Hooks hooks;

    private Bridge() {
    }

    /** Called once by the agent. */
    public static void install(Hooks installed) {
        hooks = installed;
    }

    public static Object call(int hook, Object a, Object b, Object c) {
        Hooks h = hooks;
        if (h != null) {
            try {
                return h.call(hook, a, b, c);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
        return null;
    }
}
