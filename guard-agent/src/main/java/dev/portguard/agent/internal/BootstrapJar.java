package dev.portguard.agent.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The fallback of {@link BootClasses}: puts the bridge on the boot class path. The JVM needs a jar file, so the few
 * classes are copied to a temporary one.
 */
final class BootstrapJar {
    private BootstrapJar() {
    }

    static void append(Instrumentation instrumentation) throws IOException {
        Path jar = Files.createTempFile("portguard-bootstrap", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : BootClasses.NAMES) {
                out.putNextEntry(new JarEntry(name.replace('.', '/') + ".class"));
                out.write(BootClasses.bytes(name, BootClasses.HIDDEN));
                out.closeEntry();
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }
}
