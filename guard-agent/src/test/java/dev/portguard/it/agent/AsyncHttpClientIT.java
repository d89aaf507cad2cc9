package dev.portguard.it.agent;

import dev.portguard.it.agent.ClientAppChecks.Scenario;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * An unmodified AsyncHttpClient app in its own JVM with the agent, against a loopback HTTP/1.1 server that counts
 * what it saw: {@code Dsl.asyncHttpClient()} per request is {@code NEW_CLIENT_PER_REQUEST} at the app's line; one
 * client keeping 8 requests in flight is quiet. The report's requests and connections equal the server's, and the
 * destination says http/1.1. Closes: every connection by the client where the app closes its clients; every one by
 * the server where the server closes idle connections first. JDK 17 and 25; AsyncHttpClient's newest release (the build's, 3.x) and its oldest
 * that runs on JDK 17, 2.1.0, on the Netty 4.1 it was built with.
 */
class AsyncHttpClientIT {
    private static final String APP = "AsyncHttpApp";

    static Stream<Object[]> scenarios() {
        return ClientAppChecks.matrix(List.of(new Scenario("per-request", 150, true), new Scenario("shared", 400, false),
                new Scenario("idle-closed", 5, false)), "per-request", "shared");
    }

    @ParameterizedTest(name = "async-http-client {0}, {1}: {2}")
    @MethodSource("scenarios")
    void reportsWhatTheServerSaw(String release, String jdk, Scenario s, @TempDir Path dir) throws Exception {
        String classPath = release.equals("newest")
                ? AgentRun.classPath("async-http-client-", "netty-", "reactive-streams-", "slf4j-api-")
                : ClientAppChecks.oldestClassPath("async-http-client-oldest", "async-http-client", 2,
                        System.getProperty("portguard.test.asyncHttpClientOldest"), 15);
        ClientAppChecks.checkHttp11(APP, jdk, classPath, s, dir);
    }
}
