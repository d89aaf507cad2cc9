package dev.portguard.agent.internal;

import dev.portguard.agent.bootstrap.Bridge;
import dev.portguard.core.PortGuard;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Connects the guard to the bridge and registers the gate, on the application's main thread and in a few
 * milliseconds. The rest (the self-test, which also loads the weaver before the first target needs it, and
 * instrumenting JDK classes already loaded) runs on a daemon thread, so it overlaps the application's own start-up
 * instead of delaying it.
 */
final class Installer {
    private Installer() {
    }

    static void install(Instrumentation instrumentation, PortGuard guard) {
        GuardHooks hooks = new GuardHooks(guard);
        Bridge.install(hooks);
        JdkModules.letReachBridge(instrumentation);
        TargetGate gate = new TargetGate();
        instrumentation.addTransformer(gate, true);

        Thread background = new Thread(() -> finishInBackground(instrumentation, gate, hooks), "portguard-install");
        background.setDaemon(true);
        background.start();

        ReportWriter.start(guard, () -> summary(gate));
    }

    private static void finishInBackground(Instrumentation instrumentation, TargetGate gate, GuardHooks hooks) {
        try {
            selfTest(hooks);
            retransformLoadedTargets(instrumentation, gate);
        } catch (Throwable t) {
            AgentLog.warn("instrumentation did not take (" + t + "); the application runs unguarded");
        }
    }

    /**
     * Targets loaded before the gate (JDK sockets, often; anything when attached late) are woven by retransforming
     * them; the woven code adds no member, so that is allowed. Classes the gate already wove are left alone:
     * retransforming costs a redefinition.
     */
    private static void retransformLoadedTargets(Instrumentation instrumentation, TargetGate gate) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (Targets.LIBRARY_BY_CLASS.containsKey(c.getName()) && !gate.wasGiven(c)
                    && instrumentation.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (UnmodifiableClassException | RuntimeException e) {
                AgentLog.warn("could not instrument already loaded " + loaded + " (" + e + ")");
            }
        }
    }

    /** Loads and runs the agent's own probe through the same path as any target: did the advice run? */
    private static void selfTest(GuardHooks hooks) throws ReflectiveOperationException {
        Class<?> probe = Class.forName(Targets.PROBE, true, Installer.class.getClassLoader());
        var touch = probe.getDeclaredMethod("touch");
        touch.setAccessible(true);
        touch.invoke(null);
        if (hooks.selfTestHasPassed()) {
            AgentLog.info("installed; instrumentation self-test passed");
        } else {
            AgentLog.warn("instrumentation did not take: the self-test probe ran without its advice, so no client"
                    + " will be counted. Another agent or a JVM option may block class transformation.");
        }
    }

    private static void summary(TargetGate gate) {
        TreeSet<String> absent = new TreeSet<>(Targets.LIBRARY_BY_CLASS.values());
        absent.removeAll(gate.seenLibraries());
        absent.remove(Targets.SELF_TEST);
        TreeSet<String> guarded = new TreeSet<>(gate.instrumentedLibraries());
        guarded.remove(Targets.SELF_TEST);
        AgentLog.info("guarded: " + (guarded.isEmpty() ? "nothing" : String.join(", ", guarded))
                + "; not used by this application: " + (absent.isEmpty() ? "none" : String.join(", ", absent)));
    }
}
