package dev.portguard.agent.internal.weave;

import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.Map;

/**
 * Which declared methods a seam advises, by exact name, argument count and, where overloads need it, argument
 * types: read from the class file alone, so matching loads no class. Bridge methods are never matched (they
 * forward to the method that is).
 *
 * @param argumentCount -1 for any
 * @param isStatic null for either
 * @param argumentTypes argument index to binary class name
 */
public record MethodMatch(String name, int argumentCount, Boolean isStatic, Map<Integer, String> argumentTypes) {
    public static MethodMatch constructor(int argumentCount) {
        return new MethodMatch("<init>", argumentCount, false, Map.of());
    }

    public static MethodMatch method(String name, int argumentCount) {
        return new MethodMatch(name, argumentCount, null, Map.of());
    }

    public MethodMatch withArgument(int index, String className) {
        Map<Integer, String> types = new java.util.HashMap<>(argumentTypes);
        types.put(index, className);
        return new MethodMatch(name, argumentCount, isStatic, Map.copyOf(types));
    }

    public MethodMatch asStatic() {
        return new MethodMatch(name, argumentCount, true, argumentTypes);
    }

    boolean matches(int access, String methodName, String descriptor) {
        if (!name.equals(methodName) || (access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return false;
        }
        if (isStatic != null && isStatic != ((access & Opcodes.ACC_STATIC) != 0)) {
            return false;
        }
        Type[] arguments = Type.getArgumentTypes(descriptor);
        if (argumentCount >= 0 && arguments.length != argumentCount) {
            return false;
        }
        for (Map.Entry<Integer, String> e : argumentTypes.entrySet()) {
            if (e.getKey() >= arguments.length || !arguments[e.getKey()].getClassName().equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + "(" + (argumentCount < 0 ? "..." : argumentCount + " arguments") + ")";
    }
}
