package dev.portguard.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Puts the bridge in the boot class loader, where code loaded by any class loader (the JDK's included) can reach
 * it. Defined directly, not by appending a jar to the boot class path: an appended path makes the JVM load
 * platform and application classes without its CDS archive (and say so in a warning), which costs every
 * application start-up. If the direct route fails (a JDK without the internal method), the jar is appended as
 * before.
 *
 * <p>The agent jar keeps the bridge under {@code portguard-bootstrap/}, a path no class loader searches, so it can
 * only ever come from here.
 */
final class BootClasses {
    static final String HIDDEN = "portguard-bootstrap/";
    /** By name, not class literal: the agent's own loader must not load it. */
    private static final String DEFINER = "dev.portguard.agent.internal.BootDefiner";
    /** Hooks first: the bridge's code refers to it. */
    static final String[] NAMES = {
        "dev.portguard.agent.bootstrap.Hooks",
        "dev.portguard.agent.bootstrap.Bridge",
    };

    private BootClasses() {
    }

    static void define(Instrumentation instrumentation) throws IOException {
        try {
            defineDirectly(instrumentation);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentLog.info("bridge not defined directly (" + e + "); appending it to the boot class path");
            BootstrapJar.append(instrumentation);
        }
    }

    private static void defineDirectly(Instrumentation instrumentation) throws IOException,
            ReflectiveOperationException {
        Isolated loader = new Isolated();
        Class<?> definer = loader.define(DEFINER, bytes(DEFINER, ""));
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(definer.getModule())),
                Map.of(), Set.of(), Map.of());
        Method define = definer.getMethod("define", String.class, byte[].class);
        for (String name : NAMES) {
            define.invoke(null, name, bytes(name, HIDDEN));
        }
    }

    static byte[] bytes(String className, String prefix) throws IOException {
        String path = prefix + className.replace('.', '/') + ".class";
        try (InputStream in = BootClasses.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("the agent jar lacks " + path);
            }
            return in.readAllBytes();
        }
    }

    /** A loader of its own for {@code BootDefiner}, so its unnamed module is the only one given the access. */
    private static final class Isolated extends ClassLoader {
        Isolated() {
            super("portguard-boot-definer", null);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
