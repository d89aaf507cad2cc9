package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.it.agent.ClientAppChecks.Scenario;
import dev.portguard.it.agent.ClientAppChecks.ServerSaw;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmodified Jetty 12 client app in its own JVM with the agent, against a loopback server that counts what it
 * saw; the report's requests and connections equal the server's, and its closes what happened to them.
 * <ul>
 *   <li>HTTP/1.1: an {@code HttpClient} built and started per request is {@code NEW_CLIENT_PER_REQUEST} at the app's
 *   line; one started client serving 8 threads at once is quiet. Both stop their clients: every connection closed
 *   by the client. A server closing idle connections: every connection closed by the server.</li>
 *   <li>HTTP/2 without TLS (h2c): a client per request is flagged the same way; one client carrying rounds of 100
 *   concurrent requests over one connection is quiet, and the destination says h2c.</li>
 * </ul>
 * JDK 17 and 25; Jetty's newest client release (the build's) and its oldest, 12.0.0.
 */
class JettyClientIT {
    private static final String APP = "JettyApp";

    static Stream<Object[]> scenarios() {
        return ClientAppChecks.matrix(List.of(
                new Scenario("per-request", 150, true),
                new Scenario("shared", 400, false),
                new Scenario("idle-closed", 5, false)), "per-request", "shared");
    }

    static Stream<Object[]> h2Scenarios() {
        return ClientAppChecks.matrix(List.of(
                new Scenario("h2-per-request", 100, true),
                new Scenario("h2-shared", 501, false)), "h2-shared");
    }

    @ParameterizedTest(name = "jetty {0}, {1}: {2}")
    @MethodSource("scenarios")
    void reportsWhatTheServerSaw(String release, String jdk, Scenario s, @TempDir Path dir) throws Exception {
        ClientAppChecks.checkHttp11(APP, jdk, classPath(release), s, dir);
    }

    @ParameterizedTest(name = "jetty {0}, {1}: {2}")
    @MethodSource("h2Scenarios")
    void understandsHttp2(String release, String jdk, Scenario s, @TempDir Path dir) throws Exception {
        try (H2Server server = H2Server.cleartext()) {
            AgentRun run = ClientAppChecks.run(APP, ClientAppChecks.jdk(jdk), classPath(release), server.url(), s, dir);
            JsonObject d = ClientAppChecks.assertReported(run, APP, s,
                    new ServerSaw(server.requests(), server.connections(), server.destination()));
            assertThat(d.getAsJsonArray("protocols").toString()).isEqualTo("[\"h2c\"]");
            if (!s.flagged()) {
                assertThat(server.connections()).as("100 streams at once over one connection").isEqualTo(1);
            }
            // every client is stopped, which sends GOAWAY first and closes its connection
            ClientAppChecks.assertClosed(d, server.connections(), server.connections(), run);
        }
    }

    private static String classPath(String release) throws IOException {
        return release.equals("newest") ? AgentRun.classPath("jetty-", "slf4j-api-")
                : ClientAppChecks.oldestClassPath("jetty-oldest", "jetty-", 9,
                        System.getProperty("portguard.test.jettyOldest"), 9);
    }
}
