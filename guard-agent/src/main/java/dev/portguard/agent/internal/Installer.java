package dev.portguard.agent.internal;

import dev.portguard.agent.bootstrap.Bridge;
import dev.portguard.core.PortGuard;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Connects the hooks to the bridge and registers the gate, on the application's main thread and in a few
 * milliseconds. The rest (once the guard is ready: the report's timer, the self-test, which also loads the weaver
 * before the first target needs it, and instrumenting JDK classes already loaded) runs on a daemon thread, so it
 * overlaps the application's own start-up instead of delaying it.
 */
final class Installer {
    private Installer() {
    }

    static void install(Instrumentation instrumentation, GuardHooks hooks, PendingGuard pending, Path report) {
        Bridge.install(hooks);
        JdkModules.letReachBridge(instrumentation);
        TargetGate gate = new TargetGate();
        instrumentation.addTransformer(gate, true);
        ReportWriter writer = ReportWriter.atExit(pending, report, new Summary(gate));

        Thread background = new Thread(new Finish(instrumentation, gate, hooks, pending, writer),
                "portguard-install");
        background.setDaemon(true);
        background.start();
    }

    /** What the install's daemon thread does, in this order. */
    private static final class Finish implements Runnable {
        private final Instrumentation instrumentation;
        private final TargetGate gate;
        private final GuardHooks hooks;
        private final PendingGuard pending;
        private final ReportWriter writer;

        Finish(Instrumentation instrumentation, TargetGate gate, GuardHooks hooks, PendingGuard pending,
               ReportWriter writer) {
            this.instrumentation = instrumentation;
            this.gate = gate;
            this.hooks = hooks;
            this.pending = pending;
            this.writer = writer;
        }

        @Override
        public void run() {
            try {
                TargetGate.prepare(Installer.class.getClassLoader()); // while the guard is being created
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // the first target loads it then, and says what is wrong
            }
            PortGuard guard = pending.await();
            if (guard == null) {
                instrumentation.removeTransformer(gate); // no guard to count for: weave nothing more
                return;
            }
            try {
                writer.startTimer(guard);
            } catch (RuntimeException | LinkageError e) {
                AgentLog.warn("the report is not rewritten periodically (" + e + "); it is still written at exit");
            }
            try {
                selfTest(hooks);
                retransformLoadedTargets(instrumentation, gate);
            } catch (Throwable t) {
                AgentLog.warn("instrumentation did not take (" + t + "); the application runs unguarded");
            }
        }
    }

    /** The line the exit hook says at info level: what was guarded. */
    private static final class Summary implements Runnable {
        private final TargetGate gate;

        Summary(TargetGate gate) {
            this.gate = gate;
        }

        @Override
        public void run() {
            summary(gate);
        }
    }

    /**
     * Targets loaded before the gate (JDK sockets, often; anything when attached late) are woven by retransforming
     * them; the woven code adds no member, so that is allowed. Classes the gate already wove are left alone:
     * retransforming costs a redefinition. A release check's trigger already loaded is checked where it is.
     */
    private static void retransformLoadedTargets(Instrumentation instrumentation, TargetGate gate) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (Targets.LIBRARY_BY_CLASS.containsKey(c.getName()) && !gate.wasGiven(c)
                    && instrumentation.isModifiableClass(c)) {
                loaded.add(c);
            } else if (OldReleases.BY_INTERNAL_NAME.containsKey(c.getName().replace('.', '/'))) {
                gate.checkRelease(c); // a release check only: nothing to weave
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
