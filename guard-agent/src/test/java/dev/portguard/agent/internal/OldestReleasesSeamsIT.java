package dev.portguard.agent.internal;

import dev.portguard.agent.internal.weave.ClassSeams;
import dev.portguard.agent.internal.weave.ClassWeaver;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.util.CheckClassAdapter;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oldest Reactor Netty release the registry serves, with the Netty it was built with, has every seam the agent
 * weaves for Reactor Netty: the same classes, methods and argument types as the release the agent's tests run (a
 * class missing one would be left alone, and its requests go uncounted).
 */
class OldestReleasesSeamsIT {
    @Test
    void theOldestReactorNettyHasEverySeam() throws Exception {
        String version = System.getProperty("portguard.test.reactorNettyOldest");
        Path dir = Path.of(System.getProperty("portguard.test.libs", "target/test-libs"), "reactor-netty-oldest");
        ClassWeaver weaver = new ClassWeaver("dev/portguard/agent/bootstrap/Bridge");
        List<String> woven = new ArrayList<>();
        String netty = System.getProperty("portguard.test.reactorNettyOldestNetty");
        try (JarFile core = new JarFile(dir.resolve("reactor-netty-core-" + version + ".jar").toFile());
             JarFile http = new JarFile(dir.resolve("reactor-netty-http-" + version + ".jar").toFile());
             JarFile transport = new JarFile(dir.resolve("netty-transport-" + netty + ".jar").toFile())) {
            for (ClassSeams c : AgentSeams.all()) {
                if (!Targets.REACTOR_NETTY.equals(Targets.LIBRARY_BY_CLASS.get(c.className()))) {
                    continue;
                }
                // the HTTP/2 provider's classes are in reactor-netty-http, Netty's pipeline in netty-transport, the rest
                // in reactor-netty-core
                JarFile file = c.className().startsWith("reactor.netty.http.") ? http
                        : c.className().startsWith("io.netty.") ? transport : core;
                Path jar = Path.of(file.getName());
                var entry = file.getJarEntry(c.internalName() + ".class");
                assertThat(entry).as(c.className() + " in " + jar).isNotNull();
                byte[] original;
                try (InputStream in = file.getInputStream(entry)) {
                    original = in.readAllBytes();
                }
                ClassWeaver.Result result = weaver.weave(original, c);
                assertThat(result.missing()).as(c.className() + " " + version).isEmpty();
                new org.objectweb.asm.ClassReader(result.bytes()).accept(new CheckClassAdapter(null, false), 0);
                woven.add(c.className());
            }
        }
        assertThat(woven).hasSize(8);
    }
}
