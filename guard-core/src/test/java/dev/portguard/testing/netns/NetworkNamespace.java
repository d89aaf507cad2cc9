package dev.portguard.testing.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway network namespace made with {@code ip netns}: its own loopback, its own port range and sysctls, no
 * route out. The host's settings are untouched; {@link #close()} deletes it. Shared with other modules' tests
 * through guard-core's test jar.
 */
public final class NetworkNamespace implements AutoCloseable {
    private static final long COMMAND_TIMEOUT_SECONDS = 30;
    final String name;

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

    /** Runs a command inside the namespace and returns its output; fails on a non-zero status. */
    public String execOrFail(String... command) throws IOException {
        Result r = exec(command);
        if (r.status != 0) {
            throw new IOException(String.join(" ", command) + " exited " + r.status + ": " + r.output.trim());
        }
        return r.output;
    }

    Result exec(String... command) throws IOException {
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

    record Result(int status, String output) {
    }
}
