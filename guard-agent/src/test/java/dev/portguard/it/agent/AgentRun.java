package dev.portguard.it.agent;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs a test app in its own JVM with {@code -javaagent:guard-agent.jar} and reads back what it reported. */
final class AgentRun {
    static final Path AGENT_JAR = Path.of(System.getProperty("portguard.test.agentJar", "target/guard-agent.jar"));
    static final Path TEST_LIBS = Path.of(System.getProperty("portguard.test.libs", "target/test-libs"));
    static final Path JDK17 = Path.of(System.getProperty("java.home"));
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    /** What the agent prints, once per hook, when one of its hooks failed inside the application. */
    static final String HOOK_FAILED = " hook failed (";

    final int exitCode;
    /** The command line, then everything the app wrote. */
    final String output;
    /** Only what the app (and the agent in it) wrote. */
    final String appOutput;
    final JsonObject report;

    private AgentRun(int exitCode, String output, JsonObject report) {
        this.exitCode = exitCode;
        this.output = output;
        this.appOutput = output.substring(output.indexOf('\n') + 1);
        this.report = report;
    }

    /** The app's class path: the compiled test apps plus the jars (from the test class path) whose names match. */
    static String classPath(String... jarNameParts) {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target/test-classes").toAbsolutePath().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            for (String part : jarNameParts) {
                if (name.startsWith(part) && name.endsWith(".jar")) {
                    entries.add(entry);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static String testLib(String prefix) throws IOException {
        try (var files = Files.list(TEST_LIBS)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(prefix + " not in " + TEST_LIBS)).toString();
        }
    }

    static AgentRun run(Path jdk, String agentOptions, List<String> jvmArgs, List<String> appArgs, Path dir)
            throws IOException, InterruptedException {
        return run(List.of(), jdk, agentOptions, jvmArgs, appArgs, dir);
    }

    /** The same, with {@code java} started through {@code prefix} (for example {@code ip netns exec NAME}). */
    static AgentRun run(List<String> prefix, Path jdk, String agentOptions, List<String> jvmArgs,
                        List<String> appArgs, Path dir) throws IOException, InterruptedException {
        List<String> agent = List.of("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=report=" + dir.resolve("report.json")
                + (agentOptions.isEmpty() ? "" : "," + agentOptions));
        return start(prefix, jdk, agent, jvmArgs, appArgs, dir);
    }

    /** A JVM without {@code -javaagent}; the report path is passed as the system property portguard.report. */
    static AgentRun runWithoutJavaagent(Path jdk, List<String> jvmArgs, List<String> appArgs, Path dir)
            throws IOException, InterruptedException {
        return start(List.of(), jdk, List.of("-Dportguard.report=" + dir.resolve("report.json")), jvmArgs, appArgs,
                dir);
    }

    private static AgentRun start(List<String> prefix, Path jdk, List<String> agent, List<String> jvmArgs,
                                  List<String> appArgs, Path dir) throws IOException, InterruptedException {
        Path report = dir.resolve("report.json");
        List<String> command = new ArrayList<>(prefix);
        command.add(jdk.resolve("bin/java").toString());
        // JDK classes are not verified by default: verify them too, so a bad frame in woven code fails here
        command.add("-XX:+UnlockDiagnosticVMOptions");
        command.add("-XX:+BytecodeVerificationLocal");
        // Each app lives seconds: the optimising compiler's threads would only take the cores the other apps under
        // test need. The code run, woven or not, is the same.
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(agent);
        command.addAll(jvmArgs);
        command.addAll(appArgs);
        Path log = dir.resolve("output.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the app did not finish: " + command);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        JsonObject json = Files.exists(report)
                ? JsonParser.parseString(Files.readString(report)).getAsJsonObject() : null;
        return new AgentRun(p.exitValue(), "$ " + String.join(" ", command) + "\n" + output, json);
    }

    JsonObject destination(String destination) {
        for (JsonElement d : report.getAsJsonArray("destinations")) {
            if (d.getAsJsonObject().get("destination").getAsString().equals(destination)) {
                return d.getAsJsonObject();
            }
        }
        throw new AssertionError("no destination " + destination + " in " + report + "\n" + output);
    }

    List<JsonObject> findings() {
        JsonArray array = report.getAsJsonArray("findings");
        List<JsonObject> list = new ArrayList<>();
        array.forEach(e -> list.add(e.getAsJsonObject()));
        return list;
    }

    String findingsSummary() {
        return findings().stream().map(f -> f.get("type").getAsString() + "@" + f.get("site").getAsString())
                .collect(Collectors.joining(", "));
    }

    static List<String> list(String... items) {
        return Arrays.asList(items);
    }
}
