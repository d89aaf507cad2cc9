package dev.portguard.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bridge on the boot class path, where code loaded by any class loader (the JDK's included) can reach it.
 * The agent jar keeps the bridge under {@code portguard-bootstrap/}, a path no class loader searches, so it can only
 * ever be loaded from here; the JVM needs a jar file, so the few classes are copied to a temporary one.
 */
final class BootstrapJar {
    private static final String HIDDEN = "portguard-bootstrap/";
    private static final String[] CLASSES = {
        "dev/portguard/agent/bootstrap/Bridge.class",
        "dev/portguard/agent/bootstrap/Hooks.class",
    };

    private BootstrapJar() {
    }

    static void append(Instrumentation instrumentation) throws IOException {
        Path jar = Files.createTempFile("portguard-bootstrap", ".jar");
        jar.toFile().deleteOnExit();
        ClassLoader agentLoader = BootstrapJar.class.getClassLoader();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : CLASSES) {
                try (InputStream in = agentLoader.getResourceAsStream(HIDDEN + name)) {
                    if (in == null) {
                        throw new IOException("the agent jar lacks " + HIDDEN + name);
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }
}
