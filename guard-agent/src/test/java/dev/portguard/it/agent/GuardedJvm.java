package dev.portguard.it.agent;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A long-running JVM with the agent, stopped by the test; for scraping metrics while it runs. */
final class GuardedJvm implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;

    private GuardedJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static GuardedJvm start(String agentOptions, List<String> args, Map<String, String> env, Path dir)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(AgentRun.JDK17.resolve("bin/java").toString());
        command.add("-javaagent:" + AgentRun.AGENT_JAR.toAbsolutePath() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        command.addAll(args);
        Path log = Files.createTempFile(dir, "jvm", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new GuardedJvm(pb.start(), log);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** GETs {@code url} until the body satisfies {@code ready}, for at most {@code seconds}. */
    String awaitBody(String url, Predicate<String> ready, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + "\n" + r.body();
                if (r.statusCode() == 200 && ready.test(r.body())) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no ready answer from " + url + "; last: " + last + "\nJVM output:\n" + output());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
