package dev.portguard.it.junitonly;

import dev.portguard.it.junitonly.examples.Server;
import dev.portguard.it.junitonly.examples.UserSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/** guard-junit as the only PortGuard dependency, no -javaagent: a client built per call fails its test. */
class GuardJunitAloneTest {
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Assumptions.assumeFalse(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:-EnableDynamicAgentLoading"), "not in the JVM that refuses agents");
        Logger.getLogger("dev.portguard.junit").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("dev.portguard.junit").removeHandler(capture);
    }

    static EngineExecutionResults run(String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(UserSuite.class, method)).execute();
    }

    static String failureMessage(EngineExecutionResults results) {
        assertThat(results.testEvents().failed().count()).as("the user's test failed").isEqualTo(1);
        return results.testEvents().failed().stream().findFirst()
                .flatMap(e -> e.getPayload(TestExecutionResult.class))
                .flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElseThrow();
    }

    @Test
    void aNewOkHttpClientPerCallFailsTheTestWithTheFindingAndTheSite() {
        long before = Server.SERVER.requests();
        String message = failureMessage(run("okHttpClientPerCall"));
        assertThat(Server.SERVER.requests() - before).isEqualTo(100);
        assertThat(message).contains("NEW_CLIENT_PER_REQUEST toward " + Server.SERVER.destination())
                .contains("100 requests opened 100 connections")
                .contains("at dev.portguard.it.junitonly.examples.Quotes.withNewOkHttpClient(Quotes.java:");
        assertThat(warnings).as("the agent was installed, so nothing to warn about").isEmpty();
    }

    @Test
    void httpClientsCreateDefaultPerCallFailsTheTestWithTheFindingAndTheSite() {
        String message = failureMessage(run("apacheClientPerCall"));
        assertThat(message).contains("NEW_CLIENT_PER_REQUEST toward " + Server.SERVER.destination())
                .contains("100 requests opened 100 connections")
                .contains("at dev.portguard.it.junitonly.examples.Quotes.withDefaultApacheClient(Quotes.java:");
    }

    @Test
    void anOkHttpResponseNeverClosedFailsTheTestAtTheLineThatTookIt() {
        String message = failureMessage(run("okHttpBodyNeverClosed"));
        assertThat(message).contains("CONNECTION_LEAK toward " + Server.SERVER.destination())
                .contains("1 connection(s) taken in this test were never given back")
                .contains("at dev.portguard.it.junitonly.examples.Quotes.statusLeakingTheBody(Quotes.java:")
                .contains("response.close()");
    }

    @Test
    void anApacheResponseNeverConsumedFailsTheTestAtTheLineThatTookIt() {
        String message = failureMessage(run("apacheResponseNeverClosed"));
        assertThat(message).contains("CONNECTION_LEAK toward " + Server.SERVER.destination())
                .contains("at dev.portguard.it.junitonly.examples.Quotes.apacheStatusLeakingTheEntity(Quotes.java:")
                .contains("EntityUtils.consume");
    }

    @Test
    void healthyTestsPassQuietly() {
        EngineExecutionResults shared = run("sharedClient");
        EngineExecutionResults none = run("noHttpAtAll");
        assertThat(shared.testEvents().failed().count()).isZero();
        assertThat(shared.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(none.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(warnings).isEmpty();
    }
}
