package dev.portguard.it.core.netns;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.core.PortGuard;
import dev.portguard.core.doctor.Doctor;
import dev.portguard.testing.netns.NetworkNamespace;
import dev.portguard.testing.netns.SsCount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real port exhaustion, in a network namespace this test creates: range 40000-40049 (50 ports), tcp_tw_reuse=0.
 * A scenario JVM inside it fills the ports toward one loopback destination through a guarded client; at every step
 * the guard's ports held must equal what {@code ss} shows. Needs root and iproute2; elsewhere it is skipped and says
 * why, unless NETNS_TESTS_REQUIRED=1 (CI), where not being able to run it is a failure.
 *
 * <p>The kernel does not always keep to the plan of one port per connection: with tcp_tw_reuse=0 it now and then
 * hands a later connect toward the same destination the port of a connection closed well within TIME_WAIT's 60 s
 * (measured on this project's Linux 6.18 machines, without the guard or Java: 45 connects to a loopback server, each
 * closed by the client, in a 50-port range; in 2 of 8 runs one port came back and ss showed 44). The guard's count is
 * held to ss exactly; the plan's counts allow for a few such ports (more under load: once, 5 in 51 connects).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NamespaceExhaustionTest {
    private static final int LOW = 40000;
    private static final int HIGH = 40049;
    private static final int PORT_A = 8080;
    private static final int PORT_B = 8081;
    private static final String A = "127.0.0.1:" + PORT_A;
    private static final String B = "127.0.0.1:" + PORT_B;
    private static final long LINE_TIMEOUT_SECONDS = 30;

    private NetworkNamespace ns;
    private Process scenario;
    private Path scenarioErr;
    private final List<String> transcript = new ArrayList<>();

    @BeforeEach
    void createNamespace() {
        ns = NetworkNamespace.createOrSkip("net.ipv4.ip_local_port_range=" + LOW + " " + HIGH,
                "net.ipv4.tcp_tw_reuse=0");
    }

    @AfterEach
    void deleteNamespace() throws IOException {
        try {
            if (scenario != null) {
                scenario.destroyForcibly();
                scenario.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ns != null) {
                ns.close();
            }
            if (scenarioErr != null) {
                Files.deleteIfExists(scenarioErr);
            }
        }
    }

    @Test
    void ports_held_match_ss_at_every_step_and_the_failing_connect_is_diagnosed() throws Exception {
        BlockingQueue<String> lines = start("exhaust");

        JsonObject step = next(lines);
        assertStep(step, "start");
        assertThat(heldBySs(A)).isZero();

        int[] expectedHeld = {10, 20, 30, 40, 45};
        int heldBeforeExhausting = -1;
        for (int expected : expectedHeld) {
            proceed();
            step = next(lines);
            assertStep(step, "filled");
            int ss = heldBySs(A);
            heldBeforeExhausting = ss;
            // The claim under test: the guard counts exactly what the kernel shows.
            assertThat(guardHeld(step, A)).as("guard vs ss at %d", expected).isEqualTo(ss);
            assertThat(guard(step, A).get("headroom").getAsInt()).isEqualTo(50 - ss);
            // The scenario's own plan, to within the TIME_WAIT ports the kernel handed out again (see above)
            assertThat(ss).as("ss after filling to %d:%n%s", expected, ns.execOrFail("ss", "-tanH"))
                    .isBetween(expected - Math.max(2, expected / 10), expected);
        }
        // 45 held, 5 left: below 20% of 50, so the guard has said so before any connect failed.
        assertThat(findings(step)).anyMatch(f -> f.startsWith("PORT_HEADROOM_LOW " + A
                + " dev.portguard.it.core.netns."));

        proceed();
        step = next(lines);
        assertStep(step, "exhausted");
        assertThat(step.get("failed").getAsBoolean()).as("a connect failed").isTrue();
        // The ports left went one per attempt, and the next attempt had none: with 45 held, ports 46-50 went and
        // the 6th failed (one more for each TIME_WAIT port the kernel handed out again meanwhile).
        assertThat(step.get("attempt").getAsInt()).as("%s", step)
                .isBetween(50 - heldBeforeExhausting + 1, 50 - heldBeforeExhausting + 5);
        assertThat(step.get("lowBeforeFailure").getAsBoolean()).isTrue();
        assertThat(step.get("exception").getAsString()).isEqualTo("java.net.BindException");
        assertThat(step.get("message").getAsString()).contains("Cannot assign requested address");
        String diagnosis = step.get("suppressed").getAsString();
        assertThat(diagnosis).startsWith("dev.portguard.core.headroom.PortExhaustedDiagnosis")
                .contains(A, "50 of 50 usable", "range 40000-40049", "TIME_WAIT:",
                        "Top site: dev.portguard.it.core.netns.");
        // The diagnosis above was read when the connect failed: every port held. The step's reading and ss come a
        // moment later, when (as the plan check allows) the kernel may have let one TIME_WAIT port go.
        int heldAfter = guardHeld(step, A);
        assertThat(heldAfter).isBetween(49, 50);
        assertThat(guard(step, A).get("headroom").getAsInt()).isEqualTo(50 - heldAfter);
        assertThat(heldBySs(A)).isBetween(49, 50);
        assertThat(findings(step)).anyMatch(f -> f.startsWith("PORT_EXHAUSTED " + A));

        // Nothing connects toward A now, so its ports held can only fall (as the kernel lets one go): the doctor's
        // count lies between ss just before and ss just after it
        int ssBefore = heldBySs(A);
        JsonObject doctor = doctor(Doctor.CRITICAL);
        int ssAfter = heldBySs(A);
        int doctorHeld = doctorDestination(doctor, A).get("portsHeld").getAsInt();
        assertThat(doctorHeld).isBetween(ssAfter, ssBefore);
        assertThat(doctorDestination(doctor, A).get("headroom").getAsInt()).isEqualTo(50 - doctorHeld);
        assertThat(doctor.getAsJsonObject("portRange").get("low").getAsInt()).isEqualTo(LOW);
        assertThat(doctor.getAsJsonObject("portRange").get("high").getAsInt()).isEqualTo(HIGH);
        assertThat(doctor.get("timeWait").getAsInt()).isGreaterThanOrEqualTo(40);

        proceed();
        step = next(lines);
        assertStep(step, "second-destination");
        assertThat(heldBySs(B)).isEqualTo(5); // the same range, another destination: unaffected
        assertThat(guardHeld(step, B)).isEqualTo(5);
        assertThat(guard(step, B).get("headroom").getAsInt()).isEqualTo(45);
        assertThat(guard(step, B).get("level").getAsString()).isEqualTo("ok");
        JsonObject doctorAfter = doctor(Doctor.CRITICAL);
        assertThat(doctorDestination(doctorAfter, B).get("portsHeld").getAsInt()).isEqualTo(5);
        assertThat(doctorDestination(doctorAfter, B).get("headroom").getAsInt()).isEqualTo(45);
        finish(lines);
    }

    @Test
    void protect_mode_refuses_before_the_range_is_gone_while_other_work_goes_on() throws Exception {
        BlockingQueue<String> lines = start("protect");
        JsonObject step = next(lines);
        assertStep(step, "start");

        proceed();
        step = next(lines);
        assertStep(step, "protected");
        assertThat(step.get("refused").getAsBoolean()).as("protect mode refused").isTrue();
        assertThat(step.get("message").getAsString()).contains(A, "critical below 5",
                "Connections already pooled keep working");
        // critical = 10% of 50 = 5: refused once 46 were taken (1 kept open, 45 opened and closed). A reading taken
        // while connections are opened may count one in flight twice, which only makes it refuse a little earlier.
        // Each TIME_WAIT port the kernel hands out again (see above) makes it later, so the refusal is checked by
        // the headroom it names rather than by the attempt.
        assertThat(step.get("attempt").getAsInt()).as("%s", step).isGreaterThanOrEqualTo(40);
        java.util.regex.Matcher left = java.util.regex.Pattern.compile("only (\\d+) of 50 usable")
                .matcher(step.get("message").getAsString());
        assertThat(left.find()).as("%s", step).isTrue();
        assertThat(Integer.parseInt(left.group(1))).as("ports left when refused").isBetween(0, 4);
        assertThat(step.get("pooledStillWorks").getAsBoolean()).isTrue();
        assertThat(step.get("unguardedConnects").getAsBoolean()).as("another workload still connects").isTrue();
        int held = heldBySs(A);
        assertThat(held).isLessThan(50);
        assertThat(guardHeld(step, A)).isEqualTo(held);
        assertThat(guard(step, A).get("refused").getAsInt()).isEqualTo(2);

        proceed();
        step = next(lines);
        assertStep(step, "second-destination");
        assertThat(step.get("secondDestinationWorks").getAsBoolean()).isTrue();
        assertThat(heldBySs(B)).isEqualTo(3);
        assertThat(guardHeld(step, B)).isEqualTo(3);
        finish(lines);
    }

    private BlockingQueue<String> start(String mode) throws IOException, URISyntaxException {
        String classpath = location(PortGuard.class) + java.io.File.pathSeparator + location(ExhaustionScenario.class);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        scenarioErr = Files.createTempFile("pg-scenario", ".err");
        List<String> command = ns.inside(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                ExhaustionScenario.class.getName(), mode, Integer.toString(PORT_A), Integer.toString(PORT_B)));
        scenario = new ProcessBuilder(command).redirectError(scenarioErr.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(scenario.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "scenario-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private JsonObject next(BlockingQueue<String> lines) throws Exception {
        String line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("STEP ")) {
            fail("scenario said " + line + " instead of a step; transcript " + transcript + "; stderr: "
                    + Files.readString(scenarioErr));
        }
        transcript.add(line);
        return JsonParser.parseString(line.substring(5)).getAsJsonObject();
    }

    private void proceed() throws IOException {
        Writer w = new java.io.OutputStreamWriter(scenario.getOutputStream(), StandardCharsets.UTF_8);
        w.write("next\n");
        w.flush();
    }

    private void finish(BlockingQueue<String> lines) throws Exception {
        proceed();
        assertThat(lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("DONE");
        assertThat(scenario.waitFor(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(scenario.exitValue()).isZero();
    }

    private static void assertStep(JsonObject step, String name) {
        assertThat(step.get("step").getAsString()).isEqualTo(name);
    }

    /**
     * Ports held toward {@code destination} as {@code ss} shows them, read until two readings agree: a socket moving
     * between states while ss walks the table can be missed by one reading (seen under load).
     */
    private int heldBySs(String destination) throws IOException {
        int previous = heldBySsOnce(destination);
        for (int i = 0; i < 20; i++) {
            sleepQuietly(25);
            int now = heldBySsOnce(destination);
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int heldBySsOnce(String destination) throws IOException {
        String ss = ns.execOrFail("ss", "-tanH");
        int colon = destination.lastIndexOf(':');
        return SsCount.portsHeld(ss, destination.substring(0, colon),
                Integer.parseInt(destination.substring(colon + 1)), LOW, HIGH);
    }

    private static JsonObject guard(JsonObject step, String destination) {
        JsonObject d = step.getAsJsonObject("destinations").getAsJsonObject(destination);
        assertThat(d).as("the guard reports %s in %s", destination, step).isNotNull();
        return d;
    }

    private static int guardHeld(JsonObject step, String destination) {
        return guard(step, destination).get("portsHeld").getAsInt();
    }

    private static List<String> findings(JsonObject step) {
        List<String> list = new ArrayList<>();
        for (JsonElement e : step.getAsJsonArray("findings")) {
            list.add(e.getAsString());
        }
        return list;
    }

    private JsonObject doctor(int expectedStatus) throws IOException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        NetworkNamespace.Result r = ns.exec(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", location(Doctor.class),
                Doctor.class.getName(), "doctor", "--json");
        assertThat(r.status()).as("doctor exit status; output %s", r.output()).isEqualTo(expectedStatus);
        String out = r.output().trim();
        return JsonParser.parseString(out.substring(out.indexOf('{'))).getAsJsonObject();
    }

    private static JsonObject doctorDestination(JsonObject doctor, String destination) {
        JsonArray list = doctor.getAsJsonArray("destinations");
        for (JsonElement e : list) {
            if (e.getAsJsonObject().get("destination").getAsString().equals(destination)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("doctor lists no " + destination + ": " + doctor);
    }
}
