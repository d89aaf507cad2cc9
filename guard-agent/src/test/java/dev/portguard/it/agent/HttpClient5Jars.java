package dev.portguard.it.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Apache HttpClient 5 releases the agent's tests run on, as an app's class path: the build's (the newest) and
 * the oldest release tested, with the core it was built with.
 */
final class HttpClient5Jars {
    static final String OLDEST = System.getProperty("portguard.test.httpclient5Oldest");

    private HttpClient5Jars() {
    }

    static String newest() {
        return AgentRun.classPath("httpclient5-", "httpcore5-", "slf4j-api");
    }

    /** The test apps, the oldest tested HttpClient 5 and its core (client, core, h2), and SLF4J's API. */
    static String oldest() throws IOException {
        Path dir = AgentRun.TEST_LIBS.resolve("httpclient5-oldest");
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> list = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertThat(list).as("HttpClient " + OLDEST + " in " + dir).hasSize(3)
                    .anyMatch(p -> p.getFileName().toString().equals("httpclient5-" + OLDEST + ".jar"));
            return AgentRun.classPath("slf4j-api") + File.pathSeparator
                    + list.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
    }
}
