package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unmodified Apache HttpClient app (5.x and 4.5) sharing one client between 8 threads over two destinations:
 * with {@code maxTotal} 4 the full pool closes one destination's idle connections to open the other's, over and
 * over, and the agent reports POOL_CHURN as guard-httpclient5 does for the same client; with {@code maxTotal} 8 the
 * pool keeps its connections and the agent stays quiet. The counts are the servers'.
 */
class ApachePoolChurnIT {
    private static final String[] HC5 = {"httpclient5-", "httpcore5-", "slf4j-api"};
    private static final String[] HC4 = {"httpclient-4", "httpcore-4", "commons-logging", "commons-codec"};
    private static final int REQUESTS_PER_DESTINATION = 4 * 150;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"httpclient5, demoapp.Hc5ChurnApp", "httpclient4, demoapp.Hc4ChurnApp"})
    void aPoolSmallerThanItsCallersIsReportedAsChurning(String library, String app, @TempDir Path dir)
            throws Exception {
        try (LoopbackHttpServer a = new LoopbackHttpServer(); LoopbackHttpServer b = new LoopbackHttpServer()) {
            AgentRun run = run(library, app, 4, a, b, dir);

            assertThat(run.findings()).as(run.output).isNotEmpty().allSatisfy(f -> {
                assertThat(f.get("type").getAsString()).as(run.findingsSummary()).isEqualTo("POOL_CHURN");
                assertThat(f.get("site").getAsString()).startsWith(app + ".main(");
                assertThat(f.get("advice").getAsString()).contains("setMaxConnTotal");
                // the pool's limits were read from the manager after its builder set them
                assertThat(f.getAsJsonObject("evidence").get("poolMaxIdle").getAsInt()).isEqualTo(4);
                assertThat(f.getAsJsonObject("evidence").get("connectionsOpened").getAsLong())
                        .isGreaterThan(2L * 4);
            });
            assertThat(a.connections() + b.connections()).as("the pool churned")
                    .isGreaterThan(4 * 2 * 4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"httpclient5, demoapp.Hc5ChurnApp", "httpclient4, demoapp.Hc4ChurnApp"})
    void aPoolSizedForItsCallersIsQuiet(String library, String app, @TempDir Path dir) throws Exception {
        try (LoopbackHttpServer a = new LoopbackHttpServer(); LoopbackHttpServer b = new LoopbackHttpServer()) {
            AgentRun run = run(library, app, 8, a, b, dir);

            assertThat(run.findings()).as(run.findingsSummary()).isEmpty();
            assertThat(a.connections()).isLessThanOrEqualTo(4);
            assertThat(b.connections()).isLessThanOrEqualTo(4);
        }
    }

    private static AgentRun run(String library, String app, int maxTotal, LoopbackHttpServer a, LoopbackHttpServer b,
                                Path dir) throws Exception {
        String classPath = AgentRun.classPath(library.equals("httpclient5") ? HC5 : HC4);
        AgentRun run = AgentRun.run(AgentRun.JDK17, "log.level=info", List.of("-cp", classPath),
                List.of(app, a.url(), b.url(), Integer.toString(maxTotal)), dir);
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).as("the app ran").contains("done");
        assertThat(run.report).as(run.output).isNotNull();
        for (LoopbackHttpServer server : List.of(a, b)) {
            JsonObject d = run.destination(server.destination());
            assertThat(server.requests()).isEqualTo(REQUESTS_PER_DESTINATION);
            assertThat(d.get("requests").getAsLong()).as("requests, " + run.output).isEqualTo(server.requests());
            assertThat(d.get("connectionsOpened").getAsLong()).as("connections, " + run.output)
                    .isEqualTo(server.connections());
        }
        return run;
    }
}
