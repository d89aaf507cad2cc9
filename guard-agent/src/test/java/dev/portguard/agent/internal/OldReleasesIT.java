package dev.portguard.agent.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate's release checks on real releases' jars, each in a class loader of its own as an application would hold
 * it: a release older than the classes the agent weaves gets one line and none of its classes woven, however many
 * of them load; a supported release of the same library gets no line and its classes woven.
 */
@ResourceLock(Resources.SYSTEM_ERR) // reads the agent's lines from standard error
class OldReleasesIT {
    private static final Path LIBS = Path.of(System.getProperty("portguard.test.libs", "target/test-libs"));

    @Test
    void grpcBeforeManagedChannelImplBuilderIsSaidOnceAndTheOldestTestedIsWoven() throws Exception {
        TargetGate gate = new TargetGate();
        try (URLClassLoader tooOld = loader(jars(LIBS.resolve("grpc-too-old"), "grpc-api-", "grpc-core-"));
             URLClassLoader oldest = loader(jars(LIBS.resolve("grpc-oldest"), "grpc-api-", "grpc-core-"))) {
            List<String> lines = TargetGateTest.agentLines(() -> {
                assertThat(transform(gate, tooOld, "io.grpc.ManagedChannelBuilder")).isNull();
                assertThat(transform(gate, oldest, "io.grpc.ManagedChannelBuilder")).isNull();
                assertThat(transform(gate, oldest, Targets.GRPC_CHANNEL_BUILDER)).as("woven").isNotNull();
                return null;
            });
            assertThat(lines).containsExactly("[portguard] gRPC-java: this release is older than the oldest this"
                    + " agent supports (1.76.0 is the oldest tested; it lacks"
                    + " io.grpc.internal.ManagedChannelImplBuilder, whose build() the agent advises, from 1.33.0 on);"
                    + " not guarding its channels");
        }
    }

    /** Installed from code or attached late, the agent checks a trigger class the application had already loaded. */
    @Test
    void aGrpcTooOldThatLoadedBeforeTheAgentIsSaidOnce() throws Exception {
        TargetGate gate = new TargetGate();
        try (URLClassLoader tooOld = loader(jars(LIBS.resolve("grpc-too-old"), "grpc-api-", "grpc-core-"));
             URLClassLoader oldest = loader(jars(LIBS.resolve("grpc-oldest"), "grpc-api-", "grpc-core-"))) {
            Class<?> loadedEarly = Class.forName("io.grpc.ManagedChannelBuilder", false, tooOld);
            Class<?> supported = Class.forName("io.grpc.ManagedChannelBuilder", false, oldest);
            List<String> lines = TargetGateTest.agentLines(() -> {
                gate.checkRelease(supported);
                gate.checkRelease(loadedEarly);
                gate.checkRelease(loadedEarly);
                return null;
            });
            assertThat(lines).singleElement().asString().startsWith("[portguard] gRPC-java: this release is older");
        }
        assertThat(gate.seenLibraries()).containsExactly(Targets.GRPC);
    }

    /** Jetty 11's HttpClient has Jetty 12's name and a doStart(): before the check it was woven, and counted nothing. */
    @Test
    void jetty11IsSaidOnceAndNoneOfItsClassesIsWovenWhileJetty12Is() throws Exception {
        TargetGate gate = new TargetGate();
        String version = System.getProperty("portguard.test.jettyTooOld");
        try (URLClassLoader jetty11 = loader(jars(LIBS.resolve("too-old"), "jetty-client-" + version));
             URLClassLoader jetty12 = loader(jars(LIBS.resolve("jetty-oldest"), "jetty-client-"))) {
            List<String> lines = TargetGateTest.agentLines(() -> {
                assertThat(transform(gate, jetty11, Targets.JETTY_CLIENT)).isNull();
                assertThat(transform(gate, jetty11, Targets.JETTY_CONNECTION_POOL)).isNull();
                assertThat(transform(gate, jetty12, Targets.JETTY_CLIENT)).as("woven").isNotNull();
                return null;
            });
            assertThat(lines).containsExactly("[portguard] Jetty HttpClient: this release is older than the oldest"
                    + " this agent supports (12.0.0 is the oldest tested; it lacks"
                    + " org.eclipse.jetty.client.transport.HttpDestination, which the agent advises, from 12.0.0 on);"
                    + " not guarding its clients");
        }
    }

    @Test
    void httpClient42IsSaidOnceAndItsStreamsAreNotWovenWhile45Is() throws Exception {
        TargetGate gate = new TargetGate();
        String version = System.getProperty("portguard.test.httpclient4TooOld");
        try (URLClassLoader hc42 = loader(jars(LIBS.resolve("too-old"), "httpclient-" + version));
             URLClassLoader hc45 = loader(List.of(testClassPathJar("httpclient-4.")))) {
            List<String> lines = TargetGateTest.agentLines(() -> {
                assertThat(transform(gate, hc42, OldReleases.HC4_ANY_CLIENT)).isNull();
                assertThat(transform(gate, hc42, Targets.HC4_ENTITY_STREAM)).isNull();
                assertThat(transform(gate, hc45, OldReleases.HC4_ANY_CLIENT)).isNull();
                assertThat(transform(gate, hc45, Targets.HC4_ENTITY_STREAM)).as("woven").isNotNull();
                return null;
            });
            assertThat(lines).singleElement().asString().startsWith("[portguard] Apache HttpClient 4: this release"
                    + " is older than the oldest this agent supports (4.5.14 is the oldest tested; it lacks"
                    + " org.apache.http.impl.client.HttpClientBuilder and");
        }
    }

    /**
     * Reactor Netty 1.0 has the classes the agent weaves (but HTTP/2's stream), two of them without the methods it
     * advises: one line for the library (naming the first), not one per class.
     */
    @Test
    void reactorNetty10LackingMethodsInTwoClassesIsOneLine() throws Exception {
        TargetGate gate = new TargetGate();
        String version = System.getProperty("portguard.test.reactorNettyTooOld");
        try (URLClassLoader reactor = loader(jars(LIBS.resolve("too-old"), "reactor-netty-core-" + version,
                "reactor-netty-http-" + version))) {
            List<String> lacking = new ArrayList<>();
            List<String> lines = TargetGateTest.agentLines(() -> {
                for (var c : AgentSeams.all()) {
                    boolean inRelease = reactor.getResource(c.internalName() + ".class") != null;
                    if (c.library().equals(Targets.REACTOR_NETTY) && inRelease
                            && transform(gate, reactor, c.className()) == null) {
                        lacking.add(c.className());
                    }
                }
                return null;
            });
            assertThat(lacking).as("left alone").containsExactly(Targets.REACTOR_PROVIDER,
                    Targets.REACTOR_POOLED_PROVIDER);
            assertThat(lines).singleElement().asString()
                    .startsWith("[portguard] Reactor Netty: " + Targets.REACTOR_PROVIDER + " lacks the methods this"
                            + " agent advises (an unsupported version?: ")
                    .endsWith("); not guarding it");
        }
    }

    /** What the gate makes of the class {@code name} as {@code loader} holds it. */
    private static byte[] transform(TargetGate gate, ClassLoader loader, String name) throws IOException {
        String internal = name.replace('.', '/');
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(internal + ".class")) {
            assertThat(in).as(name + " in " + loader).isNotNull();
            bytes = in.readAllBytes();
        }
        return gate.transform(null, loader, internal, null, null, bytes);
    }

    private static URLClassLoader loader(List<Path> jars) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(new URL[0]), null);
    }

    private static List<Path> jars(Path dir, String... prefixes) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> Stream.of(prefixes)
                    .anyMatch(prefix -> p.getFileName().toString().startsWith(prefix))).sorted().toList();
            assertThat(found).as(dir + " " + List.of(prefixes)).hasSize(prefixes.length);
            return found;
        }
    }

    private static Path testClassPathJar(String prefix) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
    }
}
