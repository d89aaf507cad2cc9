package dev.portguard.agent.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines the agent's classes that extend or call a library's types (guard-okhttp's listener, guard-httpclient5's
 * knowledge of its pools and routes, guard-grpc's interceptor, the Micrometer binder) in a child of the class loader that loaded that
 * library, so they link against the application's own copy of it, wherever it came from (a Spring Boot nested jar
 * included). The guard's own classes still come from the agent, so there is one guard for the whole process.
 */
public final class HelperLoader extends ClassLoader {
    /** Classes defined here for OkHttp; the build relocates the first with guard-okhttp. */
    static final String[] OKHTTP = {
        "dev.portguard.okhttp.", "dev.portguard.agent.internal.clients.okhttp.OkHttpBuilderHook"};
    /** For Apache HttpClient (5.x and 4.5); the build relocates the first with guard-httpclient5. */
    static final String[] APACHE = {
        "dev.portguard.httpclient5.", "dev.portguard.agent.internal.clients.apache5.Apache5Library",
        "dev.portguard.agent.internal.clients.apache5.SharedAsyncClientView",
        "dev.portguard.agent.internal.clients.apache4.Apache4Library"};
    /** For gRPC-java; the build relocates the first with guard-grpc. */
    static final String[] GRPC = {"dev.portguard.grpc.", "dev.portguard.agent.internal.clients.grpc.GrpcBuilderHook"};
    /** The Micrometer binder and the agent's call to it; the build relocates the first with guard-core. */
    static final String[] MICROMETER = {"dev.portguard.core.micrometer.", "dev.portguard.agent.internal.micrometer."};
    private static final String[][] LINKED = {OKHTTP, APACHE, GRPC};
    private static final String AGENT = "dev.portguard.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader agentLoader;
    private final String[] own;

    HelperLoader(ClassLoader libraryLoader, ClassLoader agentLoader, String[] own) {
        super("portguard-helper", libraryLoader);
        this.agentLoader = agentLoader;
        this.own = own;
    }

    /**
     * {@code className} (one of the agent's classes that link against a client library) as linked against the
     * library that {@code libraryClass} comes from, in a loader that defines only that library's helpers. Call once
     * per library class loader (cache the result by class).
     */
    public static Class<?> linkedTo(Class<?> libraryClass, String className) throws ClassNotFoundException {
        for (String[] own : LINKED) {
            if (startsWithAny(className, own)) {
                HelperLoader loader = new HelperLoader(libraryClass.getClassLoader(),
                        HelperLoader.class.getClassLoader(), own);
                return Class.forName(className, true, loader);
            }
        }
        throw new ClassNotFoundException(className + " is no class the agent links against a library");
    }

    /**
     * The static {@code guard(Object)} of {@code hookClass}, linked to the library {@code libraryClass} comes from;
     * when it cannot be linked, one warning naming the library and what goes uncounted, and a handle that does
     * nothing, so the library's objects are left as the code made them.
     */
    public static java.lang.invoke.MethodHandle guardHook(Class<?> libraryClass, String hookClass, String library,
                                                          String uncounted) {
        java.lang.invoke.MethodType guard = java.lang.invoke.MethodType.methodType(void.class, Object.class);
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findStatic(linkedTo(libraryClass, hookClass),
                    "guard", guard);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            AgentLog.warn(library + " from " + libraryClass.getClassLoader() + " cannot be guarded (" + e + "); "
                    + uncounted + " are not counted");
            return java.lang.invoke.MethodHandles.empty(guard);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (startsWithAny(name, own)) {
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

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String prefix : prefixes) {
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
