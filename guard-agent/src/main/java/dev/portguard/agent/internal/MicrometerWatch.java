package dev.portguard.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Binds the guard's meters to the application's Micrometer, if it has one: watches for Micrometer's
 * {@code Metrics} class being loaded (a name compare per class load, never a change to a class), then binds on a
 * thread of its own, once per class loader that has it. Nothing of Micrometer is loaded by the agent before the
 * application loads it; an unsupported version is one line and no meters.
 */
final class MicrometerWatch implements ClassFileTransformer {
    private static final String METRICS = "io/micrometer/core/instrument/Metrics";
    private static final String BINDING = "dev.portguard.agent.internal.micrometer.GlobalRegistryBinding";

    private final Set<ClassLoader> seen = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final PendingGuard pending;

    private MicrometerWatch(PendingGuard pending) {
        this.pending = pending;
    }

    static void install(Instrumentation instrumentation, PendingGuard pending) {
        instrumentation.addTransformer(new MicrometerWatch(pending), false);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (redefined == null && loader != null && METRICS.equals(className) && seen.add(loader)) {
            Thread t = new Thread(() -> bind(loader, pending), "portguard-micrometer");
            t.setDaemon(true);
            t.start();
        }
        return null;
    }

    private static void bind(ClassLoader loader, PendingGuard pending) {
        if (pending.await() == null) {
            return; // no guard: nothing to bind
        }
        try {
            // waits for the application's thread to finish defining the class
            Class.forName(METRICS.replace('/', '.'), true, loader);
            ClassLoader helper = new HelperLoader(loader, MicrometerWatch.class.getClassLoader(),
                    HelperLoader.MICROMETER);
            Class.forName(BINDING, true, helper).getMethod("bind").invoke(null);
            AgentLog.info("metrics bound to Micrometer's global registry");
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
            AgentLog.warn("the application's Micrometer cannot be bound (" + cause + "); PortGuard's meters are not"
                    + " in its registry. Set metrics.port to serve them from the agent");
        }
    }
}
