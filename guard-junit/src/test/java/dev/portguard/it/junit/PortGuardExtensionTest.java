package dev.portguard.it.junit;

import dev.portguard.it.junit.examples.GuardedExamples;
import dev.portguard.it.junit.examples.Http;
import dev.portguard.it.junit.examples.ReactorExamples;
import dev.portguard.it.junit.examples.RegisteredExamples;
import dev.portguard.it.junit.examples.UnannotatedExamples;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/** Runs example test classes through the JUnit Platform and reads how each test ended. */
class PortGuardExtensionTest {

    private static EngineExecutionResults run(Class<?> type, String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, method)).execute();
    }

    private static Optional<Throwable> failure(EngineExecutionResults results) {
        return results.testEvents().failed().stream().findFirst()
                .flatMap(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable);
    }

    @Test
    void aClientPerCallFailsTheTestSayingWhatWhereAndHow() {
        EngineExecutionResults results = run(GuardedExamples.class, "newClientPerCall");
        assertThat(results.testEvents().failed().count()).isEqualTo(1);
        Throwable t = failure(results).orElseThrow();
        assertThat(t).isInstanceOf(AssertionError.class);
        assertThat(t.getMessage())
                .contains("NEW_CLIENT_PER_REQUEST toward " + Http.SERVER.destination())
                .contains("30 requests opened 30 connections")
                .contains("at dev.portguard.it.junit.examples.PriceService.fetchWithNewClient(PriceService.java:")
                .contains("Fix: Build one OkHttpClient and share it")
                .doesNotContain("/items").doesNotContain("page=1");
    }

    @Test
    void aSharedClientPasses() {
        EngineExecutionResults results = run(GuardedExamples.class, "sharedClient");
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(results.testEvents().failed().count()).isZero();
    }

    @Test
    void anExpectationFailsBelowTheDetectorsMinimums() {
        Throwable t = failure(run(GuardedExamples.class, "fewRequestsOverTheLimit")).orElseThrow();
        assertThat(t.getMessage())
                .contains("Expected at most 0.1 connections opened per request toward " + Http.SERVER.destination())
                .contains("5 requests opened 5 connections")
                .contains("PriceService.noIdleClient(PriceService.java:");
    }

    @Test
    void anExpectationThatIsMetPasses() {
        assertThat(run(GuardedExamples.class, "fewRequestsWithinTheLimit").testEvents().succeeded().count())
                .isEqualTo(1);
    }

    @Test
    void anAllowedFindingPasses() {
        assertThat(run(GuardedExamples.class, "allowedFinding").testEvents().succeeded().count()).isEqualTo(1);
    }

    @Test
    void theTestsOwnFailureStaysPrimaryWithOursSuppressed() {
        Throwable t = failure(run(GuardedExamples.class, "failsOnItsOwnToo")).orElseThrow();
        assertThat(t).hasMessage("the test's own failure");
        assertThat(t.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).contains("NEW_CLIENT_PER_REQUEST"));
    }

    @Test
    void aReactorNettyProviderPerCallFailsTheTestAndASharedClientPasses() {
        Throwable t = failure(run(ReactorExamples.class, "providerPerCall")).orElseThrow();
        assertThat(t).isInstanceOf(AssertionError.class);
        assertThat(t.getMessage())
                .contains("NEW_CLIENT_PER_REQUEST toward " + Http.SERVER.destination())
                .contains("at dev.portguard.it.junit.examples.QuoteFeed.fetchWithNewProvider(QuoteFeed.java:")
                .contains("ConnectionProvider");
        EngineExecutionResults shared = run(ReactorExamples.class, "sharedClient");
        assertThat(shared.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(shared.testEvents().failed().count()).isZero();
    }

    @Test
    void registeredExtensionSettingsApply() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(RegisteredExamples.class)).execute();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        Event failed = results.testEvents().failed().stream().findFirst().orElseThrow();
        assertThat(failed.getTestDescriptor().getDisplayName()).startsWith("keepAliveOffIsAllowedButTheLimitIsNot");
        Throwable t = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(t.getMessage()).contains("Expected at most 0.5 connections opened per request")
                .doesNotContain("KEEP_ALIVE_DISABLED toward");
    }

    @Test
    void autoDetectionGuardsAWholeSuite() {
        EngineExecutionResults off = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(UnannotatedExamples.class)).execute();
        assertThat(off.testEvents().succeeded().count()).isEqualTo(1);
        EngineExecutionResults on = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(UnannotatedExamples.class)).execute();
        assertThat(on.testEvents().failed().count()).isEqualTo(1);
        assertThat(failure(on).orElseThrow().getMessage()).contains("NEW_CLIENT_PER_REQUEST");
    }

    @Test
    void withoutMinusJavaagentTheExtensionInstallsTheAgentAndSeesPlainClients() throws Exception {
        Throwable t = failure(run(dev.portguard.it.junit.examples.AgentExamples.class, "defaultApacheClientPerCall"))
                .orElseThrow();
        assertThat(Class.forName("dev.portguard.agent.GuardAgent").getMethod("isInstalled").invoke(null))
                .as("guard-agent on the test class path was installed into this JVM").isEqualTo(true);
        assertThat(t.getMessage())
                .contains("NEW_CLIENT_PER_REQUEST toward " + Http.SERVER.destination())
                .contains("at dev.portguard.it.junit.examples.Catalogue.fetchWithDefaultClient(Catalogue.java:");
    }
}
