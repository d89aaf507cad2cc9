package dev.portguard.agent.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines the agent's classes that extend or call a library's types (guard-okhttp's listener) in a child of the
 * class loader that loaded that library, so they link against the application's own copy of it, wherever it came
 * from (a Spring Boot nested jar included). The guard's own classes still come from the agent, so there is one
 * guard for the whole process.
 */
final class HelperLoader extends ClassLoader {
    /** Packages defined here, once per library class loader. The build relocates the first with guard-okhttp. */
    static final String[] OKHTTP = {"dev.portguard.okhttp.", "dev.portguard.agent.internal.okhttp."};
    /** The Micrometer binder and the agent's call to it; the build relocates the first with guard-core. */
    static final String[] MICROMETER = {"dev.portguard.core.micrometer.", "dev.portguard.agent.internal.micrometer."};
    private static final String AGENT = "dev.portguard.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader agentLoader;
    private final String[] own;

    HelperLoader(ClassLoader libraryLoader, ClassLoader agentLoader) {
        this(libraryLoader, agentLoader, OKHTTP);
    }

    HelperLoader(ClassLoader libraryLoader, ClassLoader agentLoader, String[] own) {
        super("portguard-helper", libraryLoader);
        this.agentLoader = agentLoader;
        this.own = own;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (isOwn(name)) {
                    c = defineFromAgent(name);
                } else if (name.startsWith(AGENT)) {
                    c = agentLoader.loadClass(name);
                } else {
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private boolean isOwn(String name) {
        for (String prefix : own) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Class<?> defineFromAgent(String name) throws ClassNotFoundException {
        try (InputStream in = agentLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, HelperLoader.class.getProtectionDomain());
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
