package dev.portguard.it.junit;

import dev.portguard.it.junit.examples.AgentExamples;
import dev.portguard.it.junit.examples.Http;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Runs in a test JVM started with {@code -javaagent:guard-agent.jar} (see this module's pom): code with no
 * PortGuard code fails its tests on pool misuse.
 */
class AgentAttachedExtensionTest {

    private static EngineExecutionResults run(String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(AgentExamples.class, method)).execute();
    }

    private static String failureMessage(EngineExecutionResults results) {
        assertThat(results.testEvents().failed().count()).as("the example failed").isEqualTo(1);
        return results.testEvents().failed().stream().findFirst()
                .flatMap(e -> e.getPayload(TestExecutionResult.class))
                .flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElseThrow();
    }

    @Test
    void theAgentRunsInThisJvm() throws Exception {
        Class<?> agent = Class.forName("dev.portguard.agent.GuardAgent");
        assertThat(agent.getMethod("isInstalled").invoke(null)).isEqualTo(true);
    }

    @Test
    void httpClientsCreateDefaultPerCallFails() {
        assertThat(failureMessage(run("defaultApacheClientPerCall")))
                .contains("NEW_CLIENT_PER_REQUEST toward " + Http.SERVER.destination())
                .contains("30 requests opened 30 connections")
                .contains("at dev.portguard.it.junit.examples.Catalogue.fetchWithDefaultClient(Catalogue.java:")
                .contains("Fix: ");
    }

    @Test
    void newOkHttpClientPerCallFails() {
        assertThat(failureMessage(run("newOkHttpClientPerCall")))
                .contains("NEW_CLIENT_PER_REQUEST toward " + Http.SERVER.destination())
                .contains("at dev.portguard.it.junit.examples.Catalogue.fetchWithNewOkHttpClient(Catalogue.java:")
                .contains("Fix: Build one OkHttpClient and share it");
    }

    @Test
    void aSharedClientPasses() {
        EngineExecutionResults results = run("sharedApacheClient");
        assertThat(results.testEvents().failed().count()).isZero();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
    }
}
