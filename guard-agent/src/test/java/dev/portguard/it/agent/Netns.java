package dev.portguard.it.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway network namespace ({@code ip netns}) with its own loopback and sysctls; the host is untouched and
 * {@link #close()} deletes it. guard-core's test helper of the same kind is package-private to its test, hence this
 * small copy of the idea.
 */
final class Netns implements AutoCloseable {
    final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates one, up, with these {@code sysctl -w} settings; throws with the reason when it cannot. */
    static Netns create(String... sysctls) throws IOException {
        String name = "pg-agent-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
        run(List.of("ip", "netns", "add", name));
        Netns ns = new Netns(name);
        try {
            run(ns.inside(List.of("ip", "link", "set", "lo", "up")));
            List<String> sysctl = new ArrayList<>(List.of("sysctl", "-w"));
            sysctl.addAll(List.of(sysctls));
            run(ns.inside(sysctl));
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The command line that runs {@code command} inside the namespace. */
    List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    @Override
    public void close() throws IOException {
        run(List.of("ip", "netns", "del", name));
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
