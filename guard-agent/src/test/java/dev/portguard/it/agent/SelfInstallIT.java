package dev.portguard.it.agent;

import com.google.gson.JsonObject;
import dev.portguard.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GuardAgent.install()} in a JVM that has guard-agent.jar on its class path only, no -javaagent. */
class SelfInstallIT {
    @Test
    void installFromCodeGuardsClientsCreatedAfterIt(@TempDir Path dir) throws Exception {
        String cp = AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib") + File.pathSeparator
                + AgentRun.AGENT_JAR.toAbsolutePath();
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            AgentRun run = AgentRun.runWithoutJavaagent(AgentRun.JDK17, List.of("-cp", cp),
                    List.of("demoapp.SelfInstallApp", server.url(), "400"), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.appOutput).as(run.output).contains("installed before=false", "installed after=true",
                    "done").doesNotContain("not installed");
            assertThat(run.report).as(run.output).isNotNull();
            JsonObject f = run.findings().get(0);
            assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
            assertThat(f.get("site").getAsString()).startsWith("demoapp.SelfInstallApp.fetch(");
        }
    }
}
