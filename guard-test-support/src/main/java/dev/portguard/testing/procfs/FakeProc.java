package dev.portguard.testing.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A {@code /proc} that holds chosen files at the real paths, for one command: the command runs in a private mount
 * namespace ({@code unshare --mount}) where a prepared directory is bind-mounted over the command's own
 * {@code /proc/<pid>/net} (what {@code /proc/net} and {@code /proc/self/net} point to: per process, so binding over
 * {@code /proc/net} itself does not take) and another over {@code /proc/sys/net}. The shell that mounts then
 * {@code exec}s the command, which keeps its pid and so sees the prepared files; the rest of {@code /proc} is real,
 * so a JVM starts as usual. Nothing outside that namespace sees the mounts.
 *
 * <p>Needs Linux, root and util-linux's {@code unshare}; {@link #createOrSkip} skips with the reason elsewhere,
 * and fails instead when {@code NETNS_TESTS_REQUIRED=1} (CI).
 */
public final class FakeProc {
    private final Path root;

    private FakeProc(Path root) {
        this.root = root;
    }

    /** A fake /proc laid out under {@code root} ({@code net/...}, {@code sys/net/...}), or the test is skipped. */
    public static FakeProc createOrSkip(Path root) throws IOException, InterruptedException {
        String whyNot = whyNot();
        if (whyNot != null) {
            if ("1".equals(System.getenv("NETNS_TESTS_REQUIRED"))) {
                fail("NETNS_TESTS_REQUIRED=1 but " + whyNot);
            }
            assumeTrue(false, whyNot);
        }
        Files.createDirectories(root.resolve("net"));
        Files.createDirectories(root.resolve("sys/net/ipv4"));
        Files.createDirectories(root.resolve("sys/net/netfilter"));
        return new FakeProc(root);
    }

    private static String whyNot() throws IOException, InterruptedException {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return "a fake /proc needs Linux";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "a fake /proc needs root (unshare --mount and mount --bind)";
        }
        Process p;
        try {
            p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "true")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return "unshare is not installed (util-linux): " + e.getMessage();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return "unshare --mount failed here: "
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        return null;
    }

    /** The directory laid out like /proc. */
    public Path root() {
        return root;
    }

    /** Writes {@code relative} (such as {@code net/tcp6}) with {@code text}. */
    public FakeProc file(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.deleteIfExists(file);
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return this;
    }

    /** Replaces {@code relative} with a named pipe that nobody writes. */
    public FakeProc fifo(String relative) throws IOException, InterruptedException {
        Path file = root.resolve(relative);
        Files.deleteIfExists(file);
        Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mkfifo " + file + " failed");
        }
        return this;
    }

    /** Replaces {@code relative} with an empty directory. */
    public FakeProc directory(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.deleteIfExists(file);
        Files.createDirectory(file);
        return this;
    }

    /**
     * The words to put before a command so that it runs with this /proc: the mount namespace, the two bind mounts
     * over the command's own pid, then {@code exec} of the command.
     */
    public List<String> prefix() {
        List<String> prefix = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$0/net\" /proc/$$/net && mount --bind \"$0/sys/net\" /proc/sys/net && exec \"$@\""));
        prefix.add(root.toAbsolutePath().toString());
        return prefix;
    }

    /**
     * A host's worth of files: range {@code low-high}, no reserved port, sysctls, sockstat, netstat, conntrack,
     * empty socket tables with their headers.
     */
    public FakeProc healthyHost(int low, int high) throws IOException {
        file("sys/net/ipv4/ip_local_port_range", low + "\t" + high + "\n");
        file("sys/net/ipv4/ip_local_reserved_ports", "\n");
        file("sys/net/ipv4/tcp_tw_reuse", "2\n");
        file("sys/net/ipv4/tcp_timestamps", "1\n");
        file("sys/net/ipv4/tcp_fin_timeout", "60\n");
        file("sys/net/ipv4/tcp_max_tw_buckets", "262144\n");
        file("sys/net/netfilter/nf_conntrack_count", "12\n");
        file("sys/net/netfilter/nf_conntrack_max", "262144\n");
        file("net/sockstat", "sockets: used 10\nTCP: inuse 3 orphan 0 tw 2 alloc 5 mem 1\n");
        file("net/netstat", "TcpExt: TW TWRecycled TCPTimeWaitOverflow\nTcpExt: 0 0 0\n");
        file("net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
                + " inode\n");
        file("net/tcp6", "  sl  local_address                         remote_address                        st"
                + " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        return this;
    }

    /**
     * Writes {@code net/tcp6} with {@code rows} IPv4-mapped sockets (90% TIME_WAIT) from local ports {@code low}
     * upward toward {@code destinations} remote endpoints 10.0.x.y:8000+, streamed to the file.
     */
    public FakeProc socketTable(int rows, int destinations, int low) throws IOException {
        Path file = root.resolve("net/tcp6");
        try (var w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("  sl  local_address                         remote_address                        st tx_queue"
                    + " rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
            for (int i = 0; i < rows; i++) {
                int d = i % destinations;
                w.write(String.format("%6d: 0000000000000000FFFF00000100007F:%04X 0000000000000000FFFF0000%02X%02X000A"
                                + ":%04X %02X 00000000:00000000 03:00000D2A 00000000     0        0 0 3"
                                + " 0000000000000000\n", i % 1_000_000, low + i / destinations, d & 0xFF, d >>> 8,
                        8000 + d, i % 10 == 0 ? 0x01 : 0x06));
            }
        }
        return this;
    }
}
