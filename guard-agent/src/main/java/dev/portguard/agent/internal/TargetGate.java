package dev.portguard.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only transformer as far as the JVM knows: compares each loaded class's name with the few targets
 * and returns at once for every other class. ByteBuddy is loaded and set up only when the first target shows up,
 * so an application pays for it only if it uses a client the agent guards, and never for classes it does not
 * instrument.
 */
final class TargetGate implements ClassFileTransformer {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile Instrumentations instrumentations;
    private volatile ClassFileTransformer delegate;
    private volatile boolean broken;

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || broken) {
            return null;
        }
        String library = Targets.LIBRARY_BY_INTERNAL_NAME.get(className);
        if (library == null) {
            return null;
        }
        seen.add(library);
        try {
            return delegate().transform(module, loader, className, classBeingRedefined, protectionDomain,
                    classfileBuffer);
        } catch (IllegalClassFormatException | RuntimeException | LinkageError e) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + " (" + e + "); it runs unguarded");
            return null;
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        return transform(null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    }

    /** Builds the ByteBuddy transformer now, for example on a background thread before the first target loads. */
    void warmUp() {
        delegate();
    }

    /** Libraries whose classes were loaded, instrumented or not. */
    Set<String> seenLibraries() {
        return seen;
    }

    /** Libraries instrumented; empty until the first target loads. */
    Set<String> instrumentedLibraries() {
        Instrumentations i = instrumentations;
        return i == null ? Set.of() : i.instrumentedLibraries();
    }

    private ClassFileTransformer delegate() {
        ClassFileTransformer d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    try {
                        Instrumentations created = Instrumentations.create();
                        d = created.transformer();
                        instrumentations = created;
                        delegate = d;
                    } catch (RuntimeException | LinkageError e) {
                        broken = true;
                        AgentLog.warn("instrumentation did not start (" + e + "); the application runs unguarded");
                        throw e;
                    }
                }
            }
        }
        return d;
    }
}
