package dev.portguard.it.core;

import dev.portguard.core.Finding;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client built per call inside a library the application depends on: the finding names the library's jar and
 * version and the application's line that called it, and says the fix belongs to that library.
 */
class DependencySiteTest {
    private static final String SDK = """
            package com.example.quotes;

            import dev.portguard.core.PortGuard;
            import dev.portguard.core.spi.ClientKind;
            import dev.portguard.core.spi.PoolDestination;
            import dev.portguard.core.spi.PoolSettings;

            public final class QuoteClient {
                public static void quote(PortGuard guard) {
                    PoolDestination d = guard.integration()
                            .newPool(ClientKind.of("test-client", java.util.Map.of()), PoolSettings.UNKNOWN_SETTINGS)
                            .destination("quotes.example.com", 443);
                    d.requestStarted();
                    d.connectionOpened();
                    d.connectionAcquired();
                    d.connectionReleased();
                }
            }
            """;

    @Test
    void a_site_inside_a_dependency_names_its_artifact_the_callers_line_and_whose_fix_it_is(@TempDir Path dir)
            throws Exception {
        Path jar = sdkJar(dir);
        PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                getClass().getClassLoader())) {
            var quote = loader.loadClass("com.example.quotes.QuoteClient").getMethod("quote", PortGuard.class);
            for (int i = 0; i < 30; i++) {
                quote.invoke(null, guard); // the application's line
            }
        }
        Finding f = guard.snapshot().findings().get(0);
        assertThat(f.site()).startsWith("com.example.quotes.QuoteClient.quote(");
        assertThat(f.evidence()).containsEntry("siteArtifact", "com.example:quote-sdk:2.3.1");
        assertThat((String) f.evidence().get("calledFrom")).startsWith("dev.portguard.it.core.DependencySiteTest"
                + ".a_site_inside_a_dependency_names_its_artifact_the_callers_line_and_whose_fix_it_is(");
        assertThat(f.advice()).startsWith("This site is inside com.example:quote-sdk:2.3.1, called from"
                + " dev.portguard.it.core.DependencySiteTest.").contains("the fix is in that library");
        assertThat(guard.snapshot().toJson()).contains("\"siteArtifact\":\"com.example:quote-sdk:2.3.1\"");
    }

    @Test
    void the_applications_own_code_reads_as_before() {
        PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        for (int i = 0; i < 30; i++) {
            var d = guard.integration().newPool(dev.portguard.core.spi.ClientKind.of("test-client", java.util.Map.of()),
                    dev.portguard.core.spi.PoolSettings.UNKNOWN_SETTINGS).destination("a", 80);
            d.requestStarted();
            d.connectionOpened();
        }
        Finding f = guard.snapshot().findings().get(0);
        assertThat(f.evidence()).doesNotContainKeys("siteArtifact", "calledFrom");
        assertThat(f.advice()).doesNotContain("inside");
    }

    /** The library as Maven would have published it: its classes and its pom.properties. */
    private static Path sdkJar(Path dir) throws IOException {
        Path src = dir.resolve("src/com/example/quotes/QuoteClient.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SDK);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), src.toString());
        assertThat(status).as("the library compiles").isZero();
        Path jar = dir.resolve("quote-sdk-2.3.1.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("com/example/quotes/QuoteClient.class"));
            j.write(Files.readAllBytes(classes.resolve("com/example/quotes/QuoteClient.class")));
            j.putNextEntry(new JarEntry("META-INF/maven/com.example/quote-sdk/pom.properties"));
            j.write(String.join("\n", List.of("groupId=com.example", "artifactId=quote-sdk", "version=2.3.1"))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
