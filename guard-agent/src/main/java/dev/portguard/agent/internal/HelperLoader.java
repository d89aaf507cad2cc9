package dev.portguard.agent.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines the agent's classes that extend or call a library's types (guard-okhttp's listener, guard-httpclient5's
 * knowledge of its pools and routes) in a child of the class loader that loaded that library, so they link against
 * the application's own copy of it, wherever it came from (a Spring Boot nested jar included). The guard's own
 * classes still come from the agent, so there is one guard for the whole process.
 */
public final class HelperLoader extends ClassLoader {
    /**
     * Classes defined here, once per library class loader: the integration modules (the build relocates their
     * packages with them) and the agent's classes that link against a library.
     */
    private static final String[] OWN = {
        "dev.portguard.okhttp.",
        "dev.portguard.httpclient5.",
        "dev.portguard.agent.internal.clients.okhttp.OkHttpBuilderHook",
        "dev.portguard.agent.internal.clients.apache5.Apache5Library",
        "dev.portguard.agent.internal.clients.apache4.Apache4Library",
    };
    private static final String AGENT = "dev.portguard.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader agentLoader;

    private HelperLoader(ClassLoader libraryLoader, ClassLoader agentLoader) {
        super("portguard-helper", libraryLoader);
        this.agentLoader = agentLoader;
    }

    /**
     * {@code className} (one of the agent's classes that link against a library) as linked against the library
     * that {@code libraryClass} comes from. Call once per library class loader (cache the result by class).
     */
    public static Class<?> linkedTo(Class<?> libraryClass, String className) throws ClassNotFoundException {
        HelperLoader loader = new HelperLoader(libraryClass.getClassLoader(), HelperLoader.class.getClassLoader());
        return Class.forName(className, true, loader);
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

    private static boolean isOwn(String name) {
        for (String prefix : OWN) {
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
