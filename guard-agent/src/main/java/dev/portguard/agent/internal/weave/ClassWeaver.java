package dev.portguard.agent.internal.weave;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.List;

/**
 * Weaves the bridge calls of a class's seams into its bytes. Two passes: a scan that matches methods by name and
 * descriptor, then a rewrite of only those methods; every other method is copied as it is, and nothing is added
 * to the class (no member, no interface), so classes loaded before the agent can be retransformed too.
 */
public final class ClassWeaver {
    private final String bridge;

    /** @param bridgeInternalName the bridge class every woven call goes to, e.g. {@code a/b/Bridge} */
    public ClassWeaver(String bridgeInternalName) {
        this.bridge = bridgeInternalName;
    }

    /** The outcome for one class: new bytes, or why it is left alone. */
    public record Result(byte[] bytes, List<Seam> missing) {
    }

    /** Bytes with the seams woven in; when a seam matches no method, no bytes and the seams that are missing. */
    public Result weave(byte[] original, ClassSeams target) {
        ClassReader reader = new ClassReader(original);
        SeamScan scan = SeamScan.of(reader, target);
        List<Seam> missing = scan.missing();
        if (!missing.isEmpty()) {
            return new Result(null, missing); // a partial set would count wrongly (requests without releases)
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                owner = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                SeamScan.Matched m = scan.matched.get(name + descriptor);
                return m == null ? next : new MethodWeaver(next, bridge, owner, access, name, descriptor,
                        scan.classVersion, m.seam(), m.maxLocals());
            }
        }, ClassReader.EXPAND_FRAMES);
        return new Result(writer.toByteArray(), List.of());
    }
}
