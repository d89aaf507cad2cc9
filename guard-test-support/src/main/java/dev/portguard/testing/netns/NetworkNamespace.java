package dev.portguard.testing.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A throwaway network namespace made with {@code ip netns}: its own loopback, its own port range and sysctls, no
 * route out. The host's settings are untouched; {@link #close()} deletes it. Needs Linux, root and iproute2.
 */
public final class NetworkNamespace implements AutoCloseable {
    private static final long COMMAND_TIMEOUT_SECONDS = 30;
    /** Set (to 1) where the namespace tests must run, as in CI: not being able to create one then fails the test. */
    public static final String REQUIRED_ENV = "NETNS_TESTS_REQUIRED";

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates one, or says why it cannot (not root, no {@code ip}, no namespace support). */
    public static NetworkNamespace create() throws IOException {
        String name = "pg-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
        Result r = run(List.of("ip", "netns", "add", name));
        if (r.status != 0) {
            throw new IOException("ip netns add failed (" + r.status + "): " + r.output.trim());
        }
        NetworkNamespace ns = new NetworkNamespace(name);
        try {
            ns.execOrFail("ip", "link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /**
     * Creates one with these sysctls set inside it (for example {@code "net.ipv4.ip_local_port_range=40000 40009"}),
     * or skips the calling test and says why on stderr. Where {@value #REQUIRED_ENV}=1, not being able to create it
     * fails the test instead.
     */
    public static NetworkNamespace createOrSkip(String... sysctls) {
        String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass()
                .getSimpleName();
        String whyNot;
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            whyNot = "network namespaces need Linux";
        } else {
            try {
                NetworkNamespace ns = create();
                try {
                    if (sysctls.length > 0) {
                        List<String> command = new ArrayList<>(List.of("sysctl", "-q", "-w"));
                        command.addAll(List.of(sysctls));
                        ns.execOrFail(command.toArray(String[]::new));
                    }
                } catch (IOException | RuntimeException e) {
                    ns.close();
                    throw e;
                }
                return ns;
            } catch (IOException e) {
                whyNot = "cannot create a network namespace (needs root and iproute2): " + e.getMessage();
            }
        }
        if ("1".equals(System.getenv(REQUIRED_ENV))) {
            fail(REQUIRED_ENV + "=1 but " + whyNot);
        }
        System.err.println(caller + " skipped: " + whyNot);
        assumeTrue(false, whyNot);
        throw new AssertionError("unreachable: assumeTrue(false) aborts the test");
    }

    /** The namespace's name, as {@code ip netns} lists it. */
    public String name() {
        return name;
    }

    /** Runs a command inside the namespace and returns its output; fails on a non-zero status. */
    public String execOrFail(String... command) throws IOException {
        Result r = exec(command);
        if (r.status != 0) {
            throw new IOException(String.join(" ", command) + " exited " + r.status + ": " + r.output.trim());
        }
        return r.output;
    }

    /** Runs a command inside the namespace and returns its exit status and output (stderr merged). */
    public Result exec(String... command) throws IOException {
        return run(inside(List.of(command)));
    }

    /** The command line that runs {@code command} inside the namespace. */
    public List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    @Override
    public void close() throws IOException {
        Result r = run(List.of("ip", "netns", "del", name));
        if (r.status != 0) {
            throw new IOException("could not delete network namespace " + name + ": " + r.output.trim());
        }
    }

    static Result run(List<String> command) throws IOException {
        Path out = Files.createTempFile("pg-netns", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT_SECONDS
                        + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A command's exit status and its output. */
    public record Result(int status, String output) {
    }
}
