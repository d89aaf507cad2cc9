package dev.portguard.it.core.memory;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the guard retains, measured: {@link LongLivedClientsApp} in a JVM of its own, with the guard observing and
 * with it off, the heap used after a full collection compared. Clients times destinations must not matter past
 * {@code max.routes}: a handful of MiB whatever the program does.
 */
class RetainedHeapTest {
    private static final long MIB = 1024 * 1024;
    /** The records of 10,000 site routes and 10,000 pool routes, with room to spare. */
    private static final long BOUND = 16 * MIB;

    @Test
    void sixHundredClientsFromSixHundredSitesCallingTwoHundredDestinationsEach() throws Exception {
        long retained = retained("600", "600", "200");
        assertThat(retained).as("bytes retained by the guard").isLessThan(BOUND);
    }

    @Test
    void twelveHundredClientsFromOneSiteCallingOneHundredDestinationsEach() throws Exception {
        long retained = retained("1200", "1", "100");
        assertThat(retained).as("bytes retained by the guard").isLessThan(BOUND);
    }

    private static long retained(String clients, String sites, String destinations) throws Exception {
        return run("observe", clients, sites, destinations) - run("off", clients, sites, destinations);
    }

    private static long run(String mode, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LongLivedClientsApp.class.getName(), mode));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String line = out.lines().filter(l -> l.startsWith("retained_bytes ")).findFirst().orElseThrow(
                () -> new AssertionError(out));
        System.out.println(mode + " " + String.join(" ", args) + ": " + line);
        return Long.parseLong(line.split(" ")[1]);
    }
}
