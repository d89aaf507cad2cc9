package dev.portguard.agent.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar guard-agent.jar ...}: a bad command line is the usage code, never one of the doctor's verdicts. */
class CommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void noCommandIsTheUsageCode() {
        assertThat(run()).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("doctor");
    }

    @Test
    void anUnknownCommandIsTheUsageCodeAndIsQuoted() {
        assertThat(run("doktor\n[portguard] forged")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'doktor\\n[portguard] forged'");
    }

    @Test
    void helpIsNotAnError() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("doctor");
    }
}
