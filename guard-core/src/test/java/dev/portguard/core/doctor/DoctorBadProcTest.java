package dev.portguard.core.doctor;

import dev.portguard.core.headroom.ProcFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** A /proc that lies, blocks or cannot be read never gives a clean bill of health, and never hangs the doctor. */
class DoctorBadProcTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Doctor.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A healthy host: 10 of 50 ports held toward one destination, in tcp6 as a Java client's are. */
    static Path host(Path dir) throws IOException {
        ProcFixture f = ProcFixture.create(dir, 40000, 40049);
        for (int i = 0; i < 10; i++) {
            f.mappedSocket(40000 + i, 10, 0, 0, 5, 443, 6);
        }
        Path root = f.done(10);
        Files.createDirectories(root.resolve("sys/net/netfilter"));
        Files.writeString(root.resolve("sys/net/netfilter/nf_conntrack_count"), "10\n");
        Files.writeString(root.resolve("sys/net/netfilter/nf_conntrack_max"), "1000\n");
        return root;
    }

    @Test
    void the_healthy_fixture_is_healthy(@TempDir Path dir) throws IOException {
        assertThat(run("--proc", host(dir).toString())).as(text()).isEqualTo(Doctor.HEALTHY);
        assertThat(text()).contains("10.0.0.5:443").doesNotContain("malformed").doesNotContain("unknown (");
    }

    @Test
    void a_directory_in_place_of_tcp6_is_a_warning_naming_it(@TempDir Path dir) throws IOException {
        Path root = host(dir);
        Files.delete(root.resolve("net/tcp6"));
        Files.createDirectory(root.resolve("net/tcp6"));

        assertThat(run("--proc", root.toString())).as(text()).isEqualTo(Doctor.WARNING);
        assertThat(text()).contains("verdict: WARNING", "/proc/net/tcp6 unreadable", "not a regular file");
    }

    @Test
    void an_unreadable_tcp_is_a_warning(@TempDir Path dir) throws IOException {
        assumeThat(System.getProperty("user.name")).as("root reads a file whatever its mode").isNotEqualTo("root");
        Path root = host(dir);
        Files.setPosixFilePermissions(root.resolve("net/tcp6"), PosixFilePermissions.fromString("---------"));

        assertThat(run("--proc", root.toString())).as(text()).isEqualTo(Doctor.WARNING);
        assertThat(text()).contains("/proc/net/tcp6 unreadable");
    }

    @Test
    void a_fifo_in_place_of_any_file_never_blocks(@TempDir Path dir) throws Exception {
        Path root = host(dir);
        for (String file : new String[] {"net/tcp6", "net/tcp", "net/sockstat", "sys/net/ipv4/ip_local_port_range",
                "sys/net/netfilter/nf_conntrack_count"}) {
            Files.delete(root.resolve(file));
            mkfifo(root.resolve(file));
        }

        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> run("--proc", root.toString()));

        assertThat(status.get(10, TimeUnit.SECONDS)).as(text()).isEqualTo(Doctor.WARNING);
        assertThat(text()).contains("not a regular file");
    }

    @Test
    void negative_counts_are_malformed_counted_and_shown(@TempDir Path dir) throws IOException {
        Path root = host(dir);
        Files.writeString(root.resolve("net/sockstat"), "TCP: inuse 0 orphan 0 tw -5 alloc 0 mem 0\n");
        Files.writeString(root.resolve("sys/net/netfilter/nf_conntrack_count"), "-5\n");

        run("--proc", root.toString());

        assertThat(text()).contains("malformed tw: '-5'", "malformed nf_conntrack_count '-5'")
                .contains("malformed   2 (lines or values of /proc that could not be parsed and were skipped)")
                .doesNotContain("time_wait   -5").doesNotContain("conntrack   -5")
                .doesNotContain("(null)");
        out.reset();
        run("--json", "--proc", root.toString());
        assertThat(text()).doesNotContain("-5,").contains("\"malformedLines\":2");
    }

    @Test
    void conntrack_unknown_always_says_why(@TempDir Path dir) throws IOException {
        Path root = host(dir);
        Files.writeString(root.resolve("sys/net/netfilter/nf_conntrack_count"), "\u0661\u0660\n");

        run("--proc", root.toString());

        assertThat(text()).contains("conntrack   unknown (malformed nf_conntrack_count").doesNotContain("(null)");
    }

    @Test
    void a_megabyte_of_garbage_is_quoted_as_a_short_prefix_once(@TempDir Path dir) throws IOException {
        Path root = host(dir);
        Files.writeString(root.resolve("sys/net/ipv4/ip_local_port_range"), "\u001b[2J\n[portguard] x".repeat(1)
                + "A".repeat(1 << 20));

        run("--proc", root.toString());
        String text = text();
        out.reset();
        run("--json", "--proc", root.toString());
        String json = text();

        assertThat(text.length()).isLessThan(4000);
        assertThat(json.length()).isLessThan(4000);
        assertThat(text).contains("malformed: '[2J\\n[portguard] xAAAA").contains("characters)")
                .doesNotContain("\u001b").doesNotContain("\n[portguard]");
    }

    @Test
    void a_socket_scan_past_its_time_budget_says_so_and_keeps_the_last_complete_reading(@TempDir Path dir)
            throws IOException {
        Path root = host(dir);
        var probe = dev.portguard.core.headroom.PortHeadroomProbe.ofRoot(root);
        var first = probe.read();
        assertThat(first.remotes()).hasSize(1);
        grow(root.resolve("net/tcp6"), 100_000);

        var fresh = dev.portguard.core.headroom.PortHeadroomProbe.ofRoot(root).withScanBudget(Duration.ofMillis(1))
                .read();
        var kept = probe.withScanBudget(Duration.ofMillis(1)).read();

        assertThat(fresh.unknown().get("sockets")).contains("could not be scanned within the 1 ms budget",
                "ports per destination are unknown");
        assertThat(fresh.remotes()).isEmpty();
        assertThat(Doctor.diagnose(fresh, dev.portguard.core.GuardConfig.defaults(), 10).status)
                .isEqualTo(Doctor.WARNING);
        assertThat(kept.unknown().get("sockets")).contains("from the complete reading of " + first.probedAt());
        assertThat(kept.remotes()).isEqualTo(first.remotes());
        assertThat(kept.usablePorts()).isEqualTo(first.usablePorts());
    }

    /** Appends {@code rows} copies of the table's first row. */
    private static void grow(Path table, int rows) throws IOException {
        String text = Files.readString(table);
        int start = text.indexOf('\n') + 1;
        String row = text.substring(start, text.indexOf('\n', start) + 1);
        try (var w = Files.newBufferedWriter(table, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < rows; i++) {
                w.write(row);
            }
        }
    }

    static void mkfifo(Path path) throws IOException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            assumeThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("mkfifo works here").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
