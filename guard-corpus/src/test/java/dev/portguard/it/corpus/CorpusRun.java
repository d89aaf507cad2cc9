package dev.portguard.it.corpus;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.it.corpus.Pattern.Path;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one pattern one way in its own JVM: under {@code -javaagent:guard-agent.jar} with the application's jars
 * only, or through the library integrations (guard-core, guard-okhttp, guard-httpclient5 on the class path, the
 * program told {@code --library}). The guard's report is read back and set beside what the servers saw.
 */
final class CorpusRun {
    static final java.nio.file.Path AGENT_JAR = java.nio.file.Path.of(System.getProperty("portguard.test.agentJar",
            "../guard-agent/target/guard-agent.jar"));
    static final java.nio.file.Path JDK17 = java.nio.file.Path.of(System.getProperty("java.home"));
    static final java.nio.file.Path JDK25 = java.nio.file.Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final String[] CLIENT_JARS = {"okhttp-jvm-", "okio", "kotlin-stdlib", "httpclient5-", "httpcore5-",
            "httpclient-4", "httpcore-4", "commons-logging", "commons-codec", "slf4j-api"};
    private static final String[] GUARD_MODULES = {"guard-core", "guard-okhttp", "guard-httpclient5"};

    /** One finding as the report gives it. */
    record Found(String type, String destination, String site) {
    }

    /** The guard's counts toward one destination. */
    record Counted(long requests, long connections) {
    }

    /** What one run gave: the findings, the guard's counts per destination, and the servers' truth. */
    record Result(Pattern pattern, Path path, String skipped, int exitCode, List<Found> findings,
                  Map<String, Counted> counted, Map<String, Counted> serverSaw, String output) {

        boolean ran() {
            return skipped == null;
        }
    }

    private CorpusRun() {
    }

    static java.nio.file.Path jdk(Pattern pattern) {
        return pattern.jdk() >= 25 ? JDK25 : JDK17;
    }

    static Result run(Pattern pattern, Path path, java.nio.file.Path dir) throws IOException, InterruptedException {
        java.nio.file.Path jdk = jdk(pattern);
        if (!Files.isExecutable(jdk.resolve("bin/java"))) {
            return new Result(pattern, path, "no JDK " + pattern.jdk() + " at " + jdk, 0, List.of(), Map.of(),
                    Map.of(), "");
        }
        Files.createDirectories(dir);
        java.nio.file.Path report = dir.resolve("report.json");
        try (Servers servers = pattern.servers().start()) {
            List<String> command = new ArrayList<>();
            command.add(jdk.resolve("bin/java").toString());
            command.add("-Xmx256m");
            if (path == Path.AGENT) {
                command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=report=" + report);
            } else {
                command.add("-Dportguard.report=" + report);
            }
            command.addAll(pattern.jvmArgs());
            command.add("-cp");
            command.add(classPath(path));
            command.add(pattern.program());
            if (path == Path.LIBRARY) {
                command.add("--library");
            }
            for (String arg : pattern.args()) {
                switch (arg) {
                    case "{url}" -> command.add(servers.urls.get(0));
                    case "{url2}" -> command.add(servers.urls.get(1));
                    case "{urls}" -> command.addAll(servers.urls);
                    default -> command.add(arg);
                }
            }
            java.nio.file.Path log = dir.resolve("output.txt");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String output = "$ " + String.join(" ", command.subList(0, Math.min(command.size(), 12)))
                    + (command.size() > 12 ? " ..." : "") + "\n" + Files.readString(log, StandardCharsets.UTF_8);
            int exit = p.isAlive() ? -1 : p.exitValue();
            Map<String, Counted> serverSaw = new LinkedHashMap<>();
            for (ServerTruth s : servers.all) {
                serverSaw.put(s.destination(), new Counted(s.requests(), s.connections()));
            }
            List<Found> findings = new ArrayList<>();
            Map<String, Counted> counted = new LinkedHashMap<>();
            if (Files.exists(report)) {
                JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
                for (JsonElement e : json.getAsJsonArray("findings")) {
                    JsonObject f = e.getAsJsonObject();
                    findings.add(new Found(f.get("type").getAsString(), f.get("destination").getAsString(),
                            f.get("site").getAsString()));
                }
                for (JsonElement e : json.getAsJsonArray("destinations")) {
                    JsonObject d = e.getAsJsonObject();
                    counted.put(d.get("destination").getAsString(), new Counted(d.get("requests").getAsLong(),
                            d.get("connectionsOpened").getAsLong()));
                }
            }
            return new Result(pattern, path, null, exit, findings, counted, serverSaw, output);
        }
    }

    /**
     * The program's class path: the corpus programs, the "library" jar, the HTTP clients; on the library path also
     * PortGuard's modules (under the agent the application has none of them).
     */
    private static String classPath(Path path) {
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("portguard.corpus.apps"));
        entries.add(System.getProperty("portguard.corpus.lib"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = java.nio.file.Path.of(entry).getFileName().toString();
            for (String part : CLIENT_JARS) {
                if (name.startsWith(part) && name.endsWith(".jar")) {
                    entries.add(entry);
                }
            }
            if (path == Path.LIBRARY) {
                for (String module : GUARD_MODULES) {
                    if (entry.replace(File.separatorChar, '/').contains("/" + module + "/")
                            || name.startsWith(module + "-")) {
                        entries.add(entry);
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
