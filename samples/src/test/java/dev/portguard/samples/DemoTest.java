package dev.portguard.samples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo the README tells new users to run must show what it promises. */
class DemoTest {
    @Test
    void everyAntiPatternIsFlaggedAndNoFixIs() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = Demo.run(new String[] {"--all"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(out).isTrue();
        assertThat(out)
                .contains("FINDING NEW_CLIENT_PER_REQUEST")
                .contains("where:  dev.portguard.samples.Scenarios$NewClientPerRequest.fetchPrice(Scenarios.java:")
                .contains("FINDING KEEP_ALIVE_DISABLED")
                .contains("FINDING POOL_CHURN")
                .contains("server saw:    200 requests on 1 connections")
                .contains("guard counted: 200 requests, 1 connections opened, 199 reused")
                .contains("PortGuard flagged 4 of 4 anti-patterns and 0 of 2 healthy clients.");
    }
}
