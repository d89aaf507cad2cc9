package dev.portguard.agent.internal;

import java.lang.reflect.Method;

/**
 * Defines a class in the boot class loader through the JDK's internal {@code Unsafe.defineClass}. Runs only in a
 * throwaway class loader of its own ({@link BootClasses}), whose module alone is given access to that package:
 * the application's code never is.
 */
public final class BootDefiner {
    private BootDefiner() {
    }

    public static Class<?> define(String name, byte[] bytes) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, java.security.ProtectionDomain.class);
        return (Class<?>) define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
    }
}
