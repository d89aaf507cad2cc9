package dev.portguard.agent.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar guard-agent.jar timeline report.json [out.html]}: a saved report becomes its page. */
class TimelineCommandTest {
    private static final String REPORT = "{\"schema\":\"portguard-report/1\",\"generatedAt\":\"2026-12-01T09:01:00Z\","
            + "\"mode\":\"observe\",\"findings\":[],\"headroom\":{\"probe\":\"running\",\"host\":null,\"destinations\":[]},"
            + "\"timeline\":{\"intervalSeconds\":5.0,\"windowSeconds\":3600,\"samples\":["
            + "{\"at\":\"2026-12-01T09:00:05Z\",\"destinations\":[{\"destination\":\"api.example.com:443\","
            + "\"requestsPerSecond\":10.0,\"connectionsOpenedPerSecond\":10.0,\"portsHeld\":20,\"usablePorts\":100,"
            + "\"timeWait\":10,\"headroom\":80,\"secondsToExhaustion\":null}]},"
            + "{\"at\":\"2026-12-01T09:00:10Z\",\"destinations\":[{\"destination\":\"api.example.com:443\","
            + "\"requestsPerSecond\":40.0,\"connectionsOpenedPerSecond\":40.0,\"portsHeld\":50,\"usablePorts\":100,"
            + "\"timeWait\":25,\"headroom\":50,\"secondsToExhaustion\":12.5}]}],"
            + "\"events\":[{\"at\":\"2026-12-01T09:00:10Z\",\"type\":\"NEW_CLIENT_PER_REQUEST\","
            + "\"destination\":\"api.example.com:443\",\"site\":\"com.acme.Prices.fetch(Prices.java:42)\","
            + "\"message\":\"m\",\"fix\":\"share one client\"}]}}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void a_saved_report_becomes_the_page_beside_it(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("podA-report.json");
        Files.writeString(report, REPORT);
        assertThat(run("timeline", report.toString())).isZero();
        Path page = dir.resolve("podA-report.html");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + page);
        assertThat(Files.readString(page)).contains("<h3>api.example.com:443</h3>").contains("<svg")
                .contains("Where: <code>com.acme.Prices.fetch(Prices.java:42)</code>");
    }

    @Test
    void the_page_goes_where_it_is_told(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Files.writeString(report, REPORT);
        Path page = dir.resolve("pages/incident.html");
        assertThat(run("timeline", report.toString(), page.toString())).isZero();
        assertThat(page).exists();
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void a_missing_file_or_one_that_is_no_report_is_status_1_and_nothing_is_written(@TempDir Path dir)
            throws Exception {
        assertThat(run("timeline", dir.resolve("none.json").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"schema\":\"doctor/1\"}");
        assertThat(run("timeline", other.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a PortGuard report");
        assertThat(dir.resolve("other.html")).doesNotExist();
    }

    @Test
    void no_report_is_the_usage_code() {
        assertThat(run("timeline")).isEqualTo(64);
        assertThat(run("timeline", "a.json", "b.html", "c")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar guard-agent.jar timeline");
    }
}
