package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent around the clients: bad options, an app with its own ByteBuddy, a Spring Boot jar, sub-commands. */
class AgentBehaviourIT {
    private static final String OKHTTP5 = AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib");

    @Test
    void badOptionIsOneLineAndTheAppStillRuns(@TempDir Path dir) throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(AgentRun.JDK17, "mode=loud", List.of("-cp", OKHTTP5),
                    List.of("demoapp.OkHttpApp", server.url(), "400", "per-request"), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.appOutput).contains("done");
            List<String> problems = run.appOutput.lines().filter(l -> l.contains("loud")).toList();
            assertThat(problems).as(run.output).hasSize(1);
            assertThat(problems.get(0)).startsWith("[portguard] ").contains("portguard.mode")
                    .contains("observe, strict, mitigate, off").contains("default");
            assertThat(run.report.get("mode").getAsString()).isEqualTo("observe");
            assertThat(run.findings()).extracting(f -> f.get("type").getAsString())
                    .containsExactly("NEW_CLIENT_PER_REQUEST");
        }
    }

    @Test
    void theReportWrittenAtExitReadsTheHostAgainAndSummarisesPoolsPerSite(@TempDir Path dir) throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            // The probe reads at start-up and then every minute: a short process exits before its second reading.
            AgentRun run = AgentRun.run(AgentRun.JDK17, "headroom.interval=60s", List.of("-cp", OKHTTP5),
                    List.of("demoapp.OkHttpApp", server.url(), "200", "per-request"), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(server.connections()).isEqualTo(200);
            JsonObject headroom = run.report.getAsJsonObject("headroom");
            assertThat(headroom.get("probe").getAsString()).isEqualTo("running");
            JsonObject d = null;
            for (var e : headroom.getAsJsonArray("destinations")) {
                if (e.getAsJsonObject().get("destination").getAsString().equals(server.destination())) {
                    d = e.getAsJsonObject();
                }
            }
            assertThat(d).as(run.report.toString()).isNotNull();
            // Each client keeps its connection idle in its pool: the ports are held at exit. (A collected client's
            // socket may be closed by the JVM's cleaner before exit, hence not exactly 200.)
            assertThat(d.get("portsHeld").getAsLong()).as(d.toString()).isGreaterThan(100);

            // 200 clients from one line are one line in poolSites and a few entries in pools (the app's shared
            // client, built in main, is the other site).
            var sites = run.report.getAsJsonArray("poolSites");
            assertThat(sites).as(run.report.toString()).hasSize(2);
            assertThat(sites.get(0).getAsJsonObject().get("site").getAsString()).startsWith("demoapp.OkHttpApp.fetch(");
            assertThat(sites.get(0).getAsJsonObject().get("created").getAsLong()).isEqualTo(200);
            assertThat(run.report.getAsJsonArray("pools").size()).isLessThanOrEqualTo(6);
        }
    }

    @ParameterizedTest(name = "guard-core on the class path: {0}")
    @ValueSource(booleans = {true, false})
    void strictModeThrowsTheExceptionTheAppCanNameAndTheAbortedCallIsNotARequest(boolean withCore, @TempDir Path dir)
            throws Exception {
        String core = AgentRun.classPath("guard-core-").split(File.pathSeparator)[1];
        String cp = withCore ? OKHTTP5 + File.pathSeparator + core : OKHTTP5;
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(AgentRun.JDK17, "mode=strict", List.of("-cp", cp),
                    List.of("demoapp.StrictOkHttpApp", server.url(), "40"), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.appOutput).as(run.output)
                    .contains("caught dev.portguard.core.PoolMisuseException at call 20: NEW_CLIENT_PER_REQUEST")
                    .contains("done, caught 1");
            // One call per site and destination fails; the 39 others reached the server, and only they count.
            assertThat(server.requests()).isEqualTo(39);
            assertThat(run.destination(server.destination()).get("requests").getAsLong()).isEqualTo(39);
        }
    }

    @Test
    void modeOffInstrumentsNothing(@TempDir Path dir) throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(AgentRun.JDK17, "mode=off", List.of("-cp", OKHTTP5),
                    List.of("demoapp.OkHttpApp", server.url(), "20", "per-request"), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.appOutput).contains("done").doesNotContain("[portguard]");
            assertThat(run.report).as("no report when off").isNull();
        }
    }

    @Test
    void appWithItsOwnByteBuddyStillWorks(@TempDir Path dir) throws Exception {
        String cp = OKHTTP5 + File.pathSeparator + AgentRun.testLib("byte-buddy-1.14");
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(AgentRun.JDK17, "", List.of("-cp", cp),
                    List.of("demoapp.OwnByteBuddyApp", server.url(), "400", "per-request"), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.appOutput).contains("made by the app's ByteBuddy from").contains("byte-buddy-1.14").contains("done");
            JsonObject f = run.findings().get(0);
            assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
            assertThat(f.get("site").getAsString()).startsWith("demoapp.OkHttpApp.fetch(");
        }
    }

    @Test
    void springBootExecutableJar(@TempDir Path dir) throws Exception {
        String bootJar = AgentRun.classPath("guard-agent-bootapp").split(File.pathSeparator)[1];
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.run(AgentRun.JDK17, "", List.of("-jar", bootJar),
                    List.of(server.url(), "400"), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.appOutput).contains("bootapp done");
            JsonObject f = run.findings().get(0);
            assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
            assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
            assertThat(f.get("site").getAsString()).startsWith("bootapp.BootApp.fetch(BootApp.java:");
            assertThat(run.destination(server.destination()).get("connectionsOpened").getAsLong())
                    .isEqualTo(server.connections());
        }
    }

    @Test
    void theDoctorReadsThisHostFromTheAgentJar() throws Exception {
        Process p = new ProcessBuilder(AgentRun.JDK17.resolve("bin/java").toString(), "-jar",
                AgentRun.AGENT_JAR.toAbsolutePath().toString(), "doctor", "--json").start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int status = p.waitFor();
        assertThat(status).as(out).isBetween(0, 2);
        JsonObject doctor = com.google.gson.JsonParser.parseString(out).getAsJsonObject();
        String[] range;
        // Not Files.readString: procfs reports a size of 0 and JDK 17 then reads a single byte.
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            range = in.readLine().trim().split("\\s+");
        }
        assertThat(doctor.getAsJsonObject("portRange").get("low").getAsInt()).isEqualTo(Integer.parseInt(range[0]));
        assertThat(doctor.getAsJsonObject("portRange").get("high").getAsInt()).isEqualTo(Integer.parseInt(range[1]));
        assertThat(doctor.get("timeWait").getAsLong()).isNotNegative();
        assertThat(doctor.get("established").getAsLong()).isNotNegative();
        assertThat(doctor.getAsJsonArray("destinations")).isNotNull();
        assertThat(doctor.get("exitStatus").getAsInt()).isEqualTo(status);
    }
}
