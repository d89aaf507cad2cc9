package dev.portguard.it.agent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.portguard.testing.LoopbackHttpServer;
import dev.portguard.testing.LoopbackProxy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through an HTTP proxy, one rule for every client: the finding and the counts belong to the target the code asked
 * for, and that target's headroom counts the local ports spent toward the proxy.
 */
class ProxyIT {
    private static final String CLIENTS = AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdk", "okhttp"})
    void aClientPerCallThroughAProxyIsFlaggedAtItsTargetAndItsPortsAreCountedTowardTheProxy(String client,
                                                                                             @TempDir Path dir)
            throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(); LoopbackProxy proxy = new LoopbackProxy()) {
            AgentRun run = AgentRun.run(AgentRun.JDK17, "", List.of("-cp", CLIENTS),
                    List.of("demoapp.ProxyApp", client, server.url(), "50", Integer.toString(proxy.port())), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(server.requests()).isEqualTo(50);
            assertThat(proxy.connections()).isEqualTo(50);

            JsonObject target = run.destination(server.destination());
            assertThat(target.get("requests").getAsLong()).as(run.output).isEqualTo(50);
            assertThat(target.get("connectionsOpened").getAsLong()).as("opened toward the target, " + run.output)
                    .isEqualTo(50);
            assertThat(run.findings()).as(run.output).isNotEmpty();
            JsonObject f = run.findings().get(0);
            assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
            assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
            assertThat(f.get("site").getAsString()).startsWith("demoapp.ProxyApp.main(");

            JsonObject headroom = null;
            for (JsonElement e : run.report.getAsJsonObject("headroom").getAsJsonArray("destinations")) {
                if (e.getAsJsonObject().get("destination").getAsString().equals(server.destination())) {
                    headroom = e.getAsJsonObject();
                }
            }
            assertThat(headroom).as(run.report.toString()).isNotNull();
            assertThat(headroom.get("addresses").getAsString()).as("the address connected to is the proxy's")
                    .isEqualTo("127.0.0.1");
            // The clients' connections to the proxy are idle in their pools at exit: their ports are held.
            assertThat(headroom.get("portsHeld").getAsLong()).as(headroom.toString()).isGreaterThan(25);
        }
    }
}
