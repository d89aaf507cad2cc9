package dev.portguard.agent.internal;

import dev.portguard.agent.internal.weave.ClassSeams;
import dev.portguard.agent.internal.weave.ClassWeaver;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only transformer: compares each loaded class's name with the few targets and returns at once for
 * every other class. A target has its seams woven in by {@link ClassWeaver}, from its bytes alone: no type
 * resolution, no class loaded, so the cost is paid only for the classes the agent instruments. A library's release
 * too old to have the classes woven is told by {@link OldReleases} when a class every release has loads: one line,
 * and the library's classes in that loader are left alone.
 */
final class TargetGate implements ClassFileTransformer {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> instrumented = ConcurrentHashMap.newKeySet();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** Libraries (name and loader) whose release is older than the agent supports: their classes are left alone. */
    private final Set<String> tooOld = ConcurrentHashMap.newKeySet();
    /** Classes already given to this gate (name and loader), which need no retransformation. */
    private final Set<String> given = ConcurrentHashMap.newKeySet();
    /**
     * The targets' internal names, checked before anything else: the seam table and the weaver are loaded at the
     * first target (or by the install thread, ahead of it), not at the first class of all loaded after premain.
     */
    private static final Set<String> TARGETS = internalNames();

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || !TARGETS.contains(className)) {
            return null;
        }
        OldReleases.Check release = OldReleases.BY_INTERNAL_NAME.get(className);
        if (release != null && !release.supported(loader)) {
            tooOld(release, loader);
            return null;
        }
        ClassSeams target = AgentSeams.BY_INTERNAL_NAME.get(className);
        if (target == null) {
            return null;
        }
        seen.add(target.library());
        if (!tooOld.isEmpty() && tooOld.contains(key(target.library(), loader))) {
            return null; // said once, at the library's trigger class
        }
        given.add(key(className, loader));
        try {
            ClassWeaver.Result result = Weaving.WEAVER.weave(classfileBuffer, target);
            if (result.bytes() == null) {
                // all or nothing: a partial set of seams would count wrongly (requests without releases); one line
                // per library, naming the first class that lacks them
                if (reported.add("methods of " + target.library())) {
                    AgentLog.warn(target.library() + ": " + target.className() + " lacks the methods this agent"
                            + " advises (an unsupported version?: " + result.missing().get(0).match()
                            + "); not guarding it");
                }
                return null;
            }
            instrumented.add(target.library());
            return result.bytes();
        } catch (Throwable t) {
            if (reported.add(className)) {
                AgentLog.warn("could not instrument " + target.className() + " (" + t + "); it runs unguarded");
            }
            return null;
        }
    }

    /** The release check of {@code trigger}, loaded before the gate (self-installed or attached late). */
    void checkRelease(Class<?> trigger) {
        OldReleases.Check release = OldReleases.BY_INTERNAL_NAME.get(trigger.getName().replace('.', '/'));
        if (release != null && !release.supported(trigger.getClassLoader())) {
            tooOld(release, trigger.getClassLoader());
        }
    }

    /** One line per library, however many class loaders hold such a release. */
    private void tooOld(OldReleases.Check release, ClassLoader loader) {
        seen.add(release.library());
        tooOld.add(key(release.library(), loader));
        if (reported.add("release of " + release.library())) {
            AgentLog.warn(release.line());
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        return transform(null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    }

    /**
     * Loads what weaving needs now (the seam table, the weaver, ASM) by loading the self-test probe, a target,
     * without running it: the first target of the application's then does not wait for any of it.
     */
    static void prepare(ClassLoader agentLoader) throws ClassNotFoundException {
        Class.forName(Targets.PROBE, false, agentLoader);
    }

    private static Set<String> internalNames() {
        Set<String> names = new HashSet<>();
        for (String name : Targets.LIBRARY_BY_CLASS.keySet()) {
            names.add(name.replace('.', '/'));
        }
        names.addAll(OldReleases.BY_INTERNAL_NAME.keySet()); // a release check, woven or not
        return names;
    }

    /**
     * The weaver, created at first use. The bridge by name, not by class: naming it loads nothing, so the gate runs
     * where the boot class path has no bridge (a test); a wrong name fails the install self-test.
     */
    private static final class Weaving {
        static final ClassWeaver WEAVER = new ClassWeaver("dev/portguard/agent/bootstrap/Bridge");
    }

    /** Whether the gate saw this class load (so it needs no retransformation). */
    boolean wasGiven(Class<?> c) {
        return given.contains(key(c.getName().replace('.', '/'), c.getClassLoader()));
    }

    /** Name (of a class or a library) and loader identity: no reference to the loader is kept. */
    private static String key(String internalName, ClassLoader loader) {
        return internalName + '@' + System.identityHashCode(loader);
    }

    /** Libraries whose classes were loaded, instrumented or not. */
    Set<String> seenLibraries() {
        return seen;
    }

    /** Libraries with at least one class instrumented. */
    Set<String> instrumentedLibraries() {
        return instrumented;
    }
}
