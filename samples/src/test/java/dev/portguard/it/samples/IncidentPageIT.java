package dev.portguard.it.samples;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.portguard.testing.browser.HeadlessChromium;
import dev.portguard.testing.browser.PageLoad;
import dev.portguard.testing.netns.NetworkNamespace;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident's page, in a real headless Chromium: the incident replay (samples/incident.sh: a client per request
 * until the ports toward one API run out, in a namespace with 100 ports) writes its report and page; the page loads
 * with no console error and no request, shows the verdict and the chart, and its screenshot is kept in
 * target/timeline/ as a build artifact. The agent's {@code timeline} command renders the same page from the saved
 * report.
 */
class IncidentPageIT {
    private static final Path SAMPLES = Path.of("").toAbsolutePath();
    private static final Path OUT = SAMPLES.resolve("target/timeline");

    @Test
    void theIncidentPageShowsThePortsRunningOutAndLoadsNothing() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.findOrSkip();
        Files.createDirectories(OUT);
        Path report = OUT.resolve("incident-report.json");
        Files.deleteIfExists(report);
        try (NetworkNamespace ns = NetworkNamespace.createOrSkip("net.ipv4.ip_local_port_range=40000 40099",
                "net.ipv4.tcp_tw_reuse=0")) {
            String out = run(ns.inside(List.of(java(), "-Dportguard.log.level=off",
                    "-Dportguard.timeline.interval=200ms", "-Dportguard.headroom.interval=200ms", "-cp",
                    System.getProperty("java.class.path"), "dev.portguard.samples.Demo", "incident", report.toString())));
            assertThat(out).contains("Cannot assign requested address").contains("The guard's report: ");
        }

        // The report's timeline: the API's ports climbing to the usable range, and the findings as events.
        JsonObject timeline = JsonParser.parseString(Files.readString(report)).getAsJsonObject()
                .getAsJsonObject("timeline");
        int peakHeld = 0;
        int usable = 0;
        for (JsonElement s : timeline.getAsJsonArray("samples")) {
            for (JsonElement d : s.getAsJsonObject().getAsJsonArray("destinations")) {
                JsonObject o = d.getAsJsonObject();
                if (o.get("portsHeld").getAsInt() > peakHeld) {
                    peakHeld = o.get("portsHeld").getAsInt();
                    usable = o.get("usablePorts").getAsInt();
                }
            }
        }
        assertThat(usable).isBetween(90, 100);
        assertThat(peakHeld).as("the last sample holds every usable port, give or take one").isGreaterThanOrEqualTo(usable - 1);
        List<String> events = new ArrayList<>();
        timeline.getAsJsonArray("events").forEach(e -> events.add(e.getAsJsonObject().get("type").getAsString()));
        assertThat(events).contains("PORT_HEADROOM_LOW", "NEW_CLIENT_PER_REQUEST");

        // The same page from the saved report, through the agent's command.
        Path page = OUT.resolve("incident-report.html");
        Path rendered = OUT.resolve("incident-from-command.html");
        Path agent = SAMPLES.resolve("../guard-agent/target/guard-agent.jar").normalize();
        assertThat(agent).as("package the agent first (the reactor does)").exists();
        String said = run(List.of(java(), "-jar", agent.toString(), "timeline", report.toString(), rendered.toString()));
        assertThat(said).contains("wrote " + rendered);
        assertThat(Files.readString(rendered)).isEqualTo(Files.readString(page));

        Path screenshot = OUT.resolve("incident-page.png");
        PageLoad load = chromium.load(page, 960, screenshot);
        assertThat(load.errors()).as("console errors").isEmpty();
        assertThat(load.requests()).as("requests the page made").isEmpty();
        assertThat(load.text()).contains("Out of local ports toward 127.0.0.1:")
                .contains("A new HTTP client built for each request")
                .contains("Where: dev.portguard.samples.Incident.run(Incident.java:");
        assertThat(load.charts()).isGreaterThanOrEqualTo(1);
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        System.out.println("incident page: " + page + "\nscreenshot: " + screenshot);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
