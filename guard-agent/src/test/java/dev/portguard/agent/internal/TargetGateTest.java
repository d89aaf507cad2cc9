package dev.portguard.agent.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate checks a class's name against the target list before it loads the seam table: every class the table
 * weaves must be on that list, or the gate would pass it by unwoven.
 */
@ResourceLock(Resources.SYSTEM_ERR) // reads the agent's lines from standard error
class TargetGateTest {
    @Test
    void everyWovenClassIsATargetTheGateLetsThrough() {
        Set<String> targets = new HashSet<>();
        for (String name : Targets.LIBRARY_BY_CLASS.keySet()) {
            targets.add(name.replace('.', '/'));
        }
        assertThat(targets).containsAll(AgentSeams.BY_INTERNAL_NAME.keySet());
    }

    @Test
    void otherClassesAreLeftAloneWithoutLoadingTheSeamTable() {
        TargetGate gate = new TargetGate();
        assertThat(gate.transform(null, getClass().getClassLoader(), "com/example/NotATarget", null, null,
                new byte[] {1, 2, 3})).isNull();
        assertThat(gate.transform(null, getClass().getClassLoader(), null, null, null, new byte[0])).isNull();
        assertThat(gate.seenLibraries()).isEmpty();
    }

    @Test
    void everyReleaseCheckNeedsAClassTheAgentWeaves() {
        for (OldReleases.Check c : OldReleases.ALL) {
            assertThat(Targets.LIBRARY_BY_CLASS).containsValue(c.library());
            if (c.needs() != null) {
                assertThat(AgentSeams.BY_INTERNAL_NAME).as(c.trigger())
                        .containsKey(c.needs().substring(0, c.needs().length() - ".class".length()));
            }
        }
    }

    @Test
    void aGrpcOlderThanTheWovenBuilderIsSaidOnceAcrossLoaders(@TempDir Path dir) throws Exception {
        TargetGate gate = new TargetGate();
        try (URLClassLoader old = loader(dir.resolve("old"), "io/grpc/internal/GrpcUtil.class");
             URLClassLoader other = loader(dir.resolve("other"), "io/grpc/internal/GrpcUtil.class")) {
            List<String> lines = agentLines(() -> {
                assertThat(gate.transform(null, old, "io/grpc/ManagedChannelBuilder", null, null, new byte[0]))
                        .isNull();
                assertThat(gate.transform(null, other, "io/grpc/ManagedChannelBuilder", null, null, new byte[0]))
                        .isNull();
                return null;
            });
            assertThat(lines).containsExactly("[portguard] gRPC-java: this release is older than the oldest this"
                    + " agent supports (1.76.0 is the oldest tested; it lacks io.grpc.internal.ManagedChannelImplBuilder,"
                    + " whose build() the agent advises, from 1.33.0 on); not guarding its channels");
        }
        assertThat(gate.seenLibraries()).containsExactly(Targets.GRPC);
        assertThat(gate.instrumentedLibraries()).isEmpty();
    }

    @Test
    void aSupportedGrpcOrGrpcApiAloneSaysNothing(@TempDir Path dir) throws Exception {
        TargetGate gate = new TargetGate();
        try (URLClassLoader supported = loader(dir.resolve("supported"), "io/grpc/internal/GrpcUtil.class",
                "io/grpc/internal/ManagedChannelImplBuilder.class");
             URLClassLoader apiAlone = loader(dir.resolve("api"), "io/grpc/ManagedChannelBuilder.class")) {
            List<String> lines = agentLines(() -> {
                gate.transform(null, supported, "io/grpc/ManagedChannelBuilder", null, null, new byte[0]);
                gate.transform(null, apiAlone, "io/grpc/ManagedChannelBuilder", null, null, new byte[0]);
                return null;
            });
            assertThat(lines).isEmpty();
        }
        assertThat(gate.seenLibraries()).isEmpty();
    }

    /** Jetty 11's HttpClient has the name (and the doStart) of Jetty 12's: it is not woven, nor are its pools. */
    @Test
    void anOlderJettyIsLeftAloneWithOneLineForAllItsClasses(@TempDir Path dir) throws Exception {
        TargetGate gate = new TargetGate();
        byte[] client = classBytes(AgentSeams.class); // any class: nothing may be woven, whatever its methods
        try (URLClassLoader jetty11 = loader(dir.resolve("jetty11"), "org/eclipse/jetty/client/HttpClient.class")) {
            List<String> lines = agentLines(() -> {
                assertThat(gate.transform(null, jetty11, "org/eclipse/jetty/client/HttpClient", null, null, client))
                        .isNull();
                assertThat(gate.transform(null, jetty11, "org/eclipse/jetty/client/AbstractConnectionPool", null,
                        null, client)).isNull();
                return null;
            });
            assertThat(lines).singleElement().asString()
                    .startsWith("[portguard] Jetty HttpClient: this release is older than the oldest this agent"
                            + " supports (12.0.0 is the oldest tested; it lacks"
                            + " org.eclipse.jetty.client.transport.HttpDestination");
        }
        assertThat(gate.instrumentedLibraries()).isEmpty();
    }

    @Test
    void releaseLinesTheAgentNeverSupportsAreSaidWhateverTheLoaderHolds(@TempDir Path dir) throws Exception {
        TargetGate gate = new TargetGate();
        try (URLClassLoader both = loader(dir, "okhttp3/OkHttpClient.class")) {
            List<String> lines = agentLines(() -> {
                for (String name : List.of("com/squareup/okhttp/OkHttpClient", "com/ning/http/client/AsyncHttpClient",
                        "reactor/ipc/netty/http/client/HttpClient", "com/squareup/okhttp/OkHttpClient")) {
                    assertThat(gate.transform(null, both, name, null, null, new byte[0])).isNull();
                }
                return null;
            });
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith("[portguard] OkHttp: this release is older than the oldest this"
                    + " agent supports (4.12.0 is the oldest tested; com.squareup.okhttp is OkHttp 2;");
            assertThat(lines.get(1)).startsWith("[portguard] AsyncHttpClient: this release is older");
            assertThat(lines.get(2)).startsWith("[portguard] Reactor Netty: this release is older");
        }
    }

    /** A class loader over {@code dir} holding empty files at {@code resources}: a release's jar, as far as a lookup sees. */
    private static URLClassLoader loader(Path dir, String... resources) throws IOException {
        for (String r : resources) {
            Path file = dir.resolve(r);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
        }
        Files.createDirectories(dir);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    private static byte[] classBytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The agent's lines written to standard error while {@code action} runs. */
    static List<String> agentLines(Callable<?> action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.call();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("[portguard]")).toList();
    }
}
