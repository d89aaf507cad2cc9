package dev.portguard.it.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's temporary files: none is left by a normal exit, however short the interval, and those a killed
 * process left are removed when the agent starts again (only ours, only old ones, only in the report's directory).
 */
class ReportFileIT {
    private static final String OKHTTP5 = AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib");

    @Test
    void normalExitsAtAShortIntervalLeaveNoTemporaryFile(@TempDir Path dir) throws Exception {
        for (int run = 0; run < 6; run++) {
            Path runDir = Files.createDirectories(dir.resolve("run" + run));
            AgentRun result = AgentRun.run(AgentRun.JDK17, "report.interval=2ms", List.of("-cp", OKHTTP5),
                    List.of("demoapp.ManyHostsApp", "400", "1500"), runDir);

            assertThat(result.exitCode).as(result.output).isZero();
            assertThat(result.appOutput).contains("done");
            assertThat(result.report).as(result.output).isNotNull();
            assertThat(temporaries(runDir)).as("run %d", run).isEmpty();
        }
    }

    @Test
    void aKilledWritersTemporaryFilesAreRemovedAtTheNextStart(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Path oldOwn = Files.writeString(dir.resolve(".portguard-report1234567.tmp"), "{\"half", StandardCharsets.UTF_8);
        Path freshOwn = dir.resolve(".portguard-report7654321.tmp");
        Path notOurs = Files.writeString(dir.resolve("portguard-report-copy.tmp"), "keep", StandardCharsets.UTF_8);
        Path elsewhere = Files.createDirectories(dir.resolve("sub")).resolve(".portguard-report999.tmp");
        Files.writeString(elsewhere, "keep", StandardCharsets.UTF_8);
        age(oldOwn, notOurs, elsewhere);

        // A guarded JVM writing its report every 2 ms, killed with SIGKILL mid-loop.
        List<String> command = new ArrayList<>(List.of(AgentRun.JDK17.resolve("bin/java").toString(),
                "-javaagent:" + AgentRun.AGENT_JAR.toAbsolutePath() + "=report=" + report + ",report.interval=2ms",
                "-cp", OKHTTP5, "demoapp.ManyHostsApp", "400", "0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(dir.resolve("killed.txt")).contains("all hosts called")
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
        } finally {
            new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(report)).as(Files.readString(dir.resolve("killed.txt"))).isTrue();
        // What the killed process left, as the next start finds it a while later; and one a live writer owns now.
        try (Stream<Path> left = temporaries(dir).stream()) {
            age(left.filter(t -> !t.equals(oldOwn)).toArray(Path[]::new));
        }
        Files.writeString(freshOwn, "{\"being written", StandardCharsets.UTF_8);

        AgentRun again = AgentRun.run(AgentRun.JDK17, "", List.of("-cp", OKHTTP5),
                List.of("demoapp.ManyHostsApp", "3", "200"), dir); // the same report path, dir/report.json

        assertThat(again.exitCode).as(again.output).isZero();
        assertThat(temporaries(dir)).containsExactly(freshOwn);
        assertThat(notOurs).exists();
        assertThat(elsewhere).exists();
    }

    private static List<Path> temporaries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(".portguard-report") && name.endsWith(".tmp");
            }).toList();
        }
    }

    private static void age(Path... files) throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofMinutes(5)));
        for (Path f : files) {
            Files.setLastModifiedTime(f, old);
        }
    }
}
