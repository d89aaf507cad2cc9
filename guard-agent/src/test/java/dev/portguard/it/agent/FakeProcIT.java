package dev.portguard.it.agent;

import dev.portguard.core.PortGuard;
import dev.portguard.testing.procfs.FakeProc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doctor (both jars) and a small guarded application, with and without the agent, against a /proc that holds
 * chosen files at the real paths ({@link FakeProc}: a private mount namespace). Each case is one way a host's
 * /proc was found to break the guard. Needs root; skipped with the reason elsewhere, required in CI.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FakeProcIT {
    private static final Path CORE_JAR = coreJar();

    @Test
    void the_fake_proc_is_what_the_doctor_and_the_app_read(@TempDir Path dir) throws Exception {
        FakeProc proc = FakeProc.createOrSkip(dir.resolve("proc")).healthyHost(40000, 40999).socketTable(30, 3, 40000);

        for (List<String> doctor : doctors()) {
            Result r = run(proc, doctor, dir);
            assertThat(r.status).as(r.output).isEqualTo(0);
            assertThat(r.output).contains("40000-40999 (1000 ports)", "10.0.0.0:8000", "verdict: HEALTHY");
        }
        AgentRun app = app(proc, dir.resolve("app"), List.of());
        assertThat(app.appOutput).as(app.output).contains("range=40000-40999", "remotes=3", "malformed=0", "done");
    }

    @Test
    void a_fifo_or_a_directory_in_place_of_a_socket_table_is_a_warning_and_never_blocks(@TempDir Path dir)
            throws Exception {
        FakeProc proc = FakeProc.createOrSkip(dir.resolve("proc")).healthyHost(40000, 40999).socketTable(30, 3, 40000)
                .fifo("net/tcp6").fifo("net/sockstat").directory("net/tcp");

        for (List<String> doctor : doctors()) {
            Result r = run(proc, doctor, dir);
            assertThat(r.status).as(r.output).isEqualTo(1);
            assertThat(r.output).contains("verdict: WARNING", "/proc/net/tcp6 unreadable", "not a regular file");
        }
        AgentRun app = app(proc, dir.resolve("app"), List.of());
        assertThat(app.appOutput).as(app.output).contains("tcp6=unreadable", "done");
    }

    @Test
    void negative_counts_and_garbage_are_malformed_and_quoted_short(@TempDir Path dir) throws Exception {
        FakeProc proc = FakeProc.createOrSkip(dir.resolve("proc")).healthyHost(40000, 40999).socketTable(30, 3, 40000)
                .file("net/sockstat", "TCP: inuse 3 orphan 0 tw -5 alloc 5 mem 1\n")
                .file("sys/net/netfilter/nf_conntrack_count", "-5\n")
                .file("sys/net/ipv4/tcp_fin_timeout", "\n[portguard] forged " + "x".repeat(1 << 20));

        for (List<String> doctor : doctors()) {
            Result r = run(proc, doctor, dir);
            assertThat(r.output).as(r.output).hasSizeLessThan(6000)
                    .contains("malformed tw: '-5'", "malformed nf_conntrack_count '-5'", "malformed   3")
                    .doesNotContain("(null)").doesNotContain("\n[portguard] forged");
        }
        AgentRun app = app(proc, dir.resolve("app"), List.of());
        assertThat(app.appOutput).as(app.output).contains("malformed=3", "done").doesNotContain("\n[portguard] forged");
        assertThat(Files.size(dir.resolve("app/app-report.json"))).isLessThan(20_000);
    }

    @Test
    void a_million_sockets_fit_the_doctor_at_16_mib_and_an_app_at_32_mib(@TempDir Path dir) throws Exception {
        FakeProc proc = FakeProc.createOrSkip(dir.resolve("proc")).healthyHost(32768, 60999)
                .socketTable(1_000_000, 300, 32768);

        for (List<String> doctor : doctors()) {
            List<String> small = new ArrayList<>(doctor);
            small.add(1, "-Xmx16m");
            Result r = run(proc, small, dir);
            assertThat(r.status).as(r.output).isEqualTo(0);
            assertThat(r.output).contains("TIME_WAIT 900000", "10.0.0.0:8000").doesNotContain("OutOfMemoryError");
        }
        AgentRun app = app(proc, dir.resolve("app"), List.of("-Xmx32m"));
        assertThat(app.appOutput).as(app.output).contains("remotes=300", "malformed=0", "done")
                .doesNotContain("OutOfMemoryError");
    }

    /** The doctor through the agent's jar and through guard-core's. */
    private static List<List<String>> doctors() {
        String java = AgentRun.JDK17.resolve("bin/java").toString();
        return List.of(
                List.of(java, "-jar", AgentRun.AGENT_JAR.toAbsolutePath().toString(), "doctor"),
                List.of(java, "-jar", CORE_JAR.toAbsolutePath().toString(), "doctor"));
    }

    /** The app with the agent attached (report.json) and its own guard (app-report.json). */
    private static AgentRun app(FakeProc proc, Path dir, List<String> jvmArgs) throws Exception {
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(jvmArgs);
        args.add("-cp");
        args.add(Path.of("target/test-classes").toAbsolutePath() + java.io.File.pathSeparator + coreClasses());
        AgentRun run = AgentRun.run(proc.prefix(), AgentRun.JDK17, "", args,
                List.of("demoapp.HeadroomApp", dir.resolve("app-report.json").toString()), dir);
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.appOutput).as(run.output).doesNotContain("Exception").doesNotContain("agent not started");
        assertThat(dir.resolve("app-report.json")).exists();
        assertThat(run.report).as(run.output).isNotNull();
        return run;
    }

    private static String coreClasses() throws Exception {
        return Path.of(PortGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Path coreJar() {
        try (var files = Files.list(Path.of("../guard-core/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("guard-core-[0-9].*[0-9T]\\.jar"))
                    .findFirst().orElse(Path.of("../guard-core/target/guard-core.jar"));
        } catch (IOException e) {
            return Path.of("../guard-core/target/guard-core.jar");
        }
    }

    private static Result run(FakeProc proc, List<String> command, Path dir) throws Exception {
        List<String> full = new ArrayList<>(proc.prefix());
        full.addAll(command);
        Path log = Files.createTempFile(dir, "doctor", ".txt");
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the doctor did not finish: " + full);
        }
        return new Result(p.exitValue(), "$ " + String.join(" ", command) + "\n"
                + Files.readString(log, StandardCharsets.ISO_8859_1));
    }

    private record Result(int status, String output) {
    }
}
