package dev.portguard.agent.internal.weave;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * First pass over a target class: which declared methods each seam matches, and how many local slots each of
 * those uses (the woven code keeps its own values in slots past them). Only matched methods have their code read.
 */
final class SeamScan extends ClassVisitor {
    private final ClassSeams target;
    /** Identity, not equality: a record's equals and hashCode would bootstrap method handles in premain. */
    private final Map<Seam, Integer> matchesPerSeam = new IdentityHashMap<>();
    /** name + descriptor of each matched method -> its seam and original max locals. */
    final Map<String, Matched> matched = new HashMap<>();
    int classVersion;

    record Matched(Seam seam, int maxLocals) {
    }

    private SeamScan(ClassSeams target) {
        super(Opcodes.ASM9);
        this.target = target;
    }

    static SeamScan of(ClassReader reader, ClassSeams target) {
        SeamScan scan = new SeamScan(target);
        reader.accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return scan;
    }

    /** Seams that matched no method: a version of the library this agent does not know. */
    List<Seam> missing() {
        List<Seam> missing = new ArrayList<>();
        for (Seam s : target.seams()) {
            if (!matchesPerSeam.containsKey(s)) {
                missing.add(s);
            }
        }
        return missing;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        classVersion = version & 0xFFFF;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                     String[] exceptions) {
        for (Seam seam : target.seams()) {
            if (seam.match().matches(access, name, descriptor) && readsOnlyReferences(seam, descriptor)) {
                matchesPerSeam.merge(seam, 1, Integer::sum);
                String key = name + descriptor;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        matched.put(key, new Matched(seam, maxLocals));
                    }
                };
            }
        }
        return null;
    }

    /** Bridge calls take objects: an argument or return value the seam reads must be a reference, not boxed. */
    private static boolean readsOnlyReferences(Seam seam, String descriptor) {
        Type[] arguments = Type.getArgumentTypes(descriptor);
        for (BridgeCall call : new BridgeCall[] {seam.enter(), seam.exit()}) {
            if (call == null) {
                continue;
            }
            for (Value v : call.values()) {
                if (v.kind() == Value.Kind.ARGUMENT
                        && (v.index() >= arguments.length || !isReference(arguments[v.index()]))) {
                    return false;
                }
                if (v.kind() == Value.Kind.RETURNED && !isReference(Type.getReturnType(descriptor))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }
}
