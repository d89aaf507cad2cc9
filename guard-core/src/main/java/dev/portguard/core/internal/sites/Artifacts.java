package dev.portguard.core.internal.sites;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The artifact a class was loaded from, read once per code source: the Maven coordinates in the jar's
 * {@code META-INF/maven/<group>/<artifact>/pom.properties}, else its manifest's title and version. Classes from a
 * directory, and from the jar that holds the application's main class, are the application's own: empty.
 */
final class Artifacts {
    private static final int MAX_CACHED = 512;
    private static final String NONE = "";
    private static final ConcurrentHashMap<String, String> BY_LOCATION = new ConcurrentHashMap<>();
    private static volatile String mainJar;

    private Artifacts() {
    }

    static Optional<String> of(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty(); // the JDK's own, or generated
            }
            String location = source.getLocation().toString();
            String artifact = BY_LOCATION.get(location);
            if (artifact == null) {
                artifact = read(source.getLocation(), type);
                if (BY_LOCATION.size() < MAX_CACHED) {
                    BY_LOCATION.put(location, artifact);
                }
            }
            return artifact.isEmpty() ? Optional.empty() : Optional.of(artifact);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String read(URL location, Class<?> type) {
        if (!location.getPath().endsWith(".jar") && !location.getPath().endsWith(".jar!/")) {
            return NONE; // a class directory: the application's own code, as in a build or an IDE
        }
        if ("file".equals(location.getProtocol())) {
            try {
                Path jar = Path.of(location.toURI());
                if (jar.toAbsolutePath().normalize().toString().equals(mainJar()) || !Files.isRegularFile(jar)) {
                    return NONE;
                }
                String coordinates = mavenCoordinates(jar);
                if (coordinates != null) {
                    return coordinates;
                }
            } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
                // fall back to the manifest
            }
        }
        Package p = type.getPackage();
        String title = p == null ? null : p.getImplementationTitle();
        String version = p == null ? null : p.getImplementationVersion();
        if (version == null) {
            return NONE;
        }
        return (title == null ? type.getPackageName() : title) + " " + version;
    }

    /** {@code group:artifact:version} when the jar carries exactly one pom.properties (a fat jar carries many). */
    private static String mavenCoordinates(Path jar) throws IOException {
        String found = null;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    if (found != null) {
                        return null;
                    }
                    Properties pom = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        pom.load(in);
                    }
                    found = pom.getProperty("groupId") + ":" + pom.getProperty("artifactId") + ":"
                            + pom.getProperty("version");
                }
            }
        }
        return found;
    }

    /**
     * The application's own jar, whose classes are never a dependency: the one started with {@code java -jar}, or
     * the one holding the main class of {@code java -cp ... Main}. Found on first use, not when the agent starts.
     */
    private static String mainJar() {
        String known = mainJar;
        if (known == null) {
            known = findMainJar();
            mainJar = known;
        }
        return known;
    }

    private static String findMainJar() {
        try {
            String first = System.getProperty("sun.java.command", "").split(" ", 2)[0];
            if (first.endsWith(".jar")) {
                return Path.of(first).toAbsolutePath().normalize().toString();
            }
            if (!first.isEmpty()) {
                Class<?> main = Class.forName(first, false, ClassLoader.getSystemClassLoader());
                CodeSource source = main.getProtectionDomain().getCodeSource();
                if (source != null && "file".equals(source.getLocation().getProtocol())) {
                    return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize().toString();
                }
            }
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException | LinkageError e) {
            // no main jar known
        }
        return NONE;
    }
}
