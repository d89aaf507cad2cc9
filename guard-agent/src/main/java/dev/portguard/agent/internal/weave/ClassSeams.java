package dev.portguard.agent.internal.weave;

import java.util.List;

/** The seams of one class, by its binary name, and the library it belongs to (for log lines). */
public record ClassSeams(String className, String library, List<Seam> seams) {
    public static ClassSeams of(String className, String library, Seam... seams) {
        return new ClassSeams(className, library, List.of(seams));
    }

    public String internalName() {
        return className.replace('.', '/');
    }
}
