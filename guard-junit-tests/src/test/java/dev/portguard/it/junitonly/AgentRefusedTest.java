package dev.portguard.it.junitonly;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a JVM started with {@code -XX:-EnableDynamicAgentLoading} (see this module's pom), where the extension
 * cannot install the agent: it must say so once for the run, plainly and with the fix, and not fail healthy tests.
 */
class AgentRefusedTest {
    @Test
    void theExtensionSaysOnceThatItCannotSeePlainClientsAndHowToFixIt() {
        Assumptions.assumeTrue(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:-EnableDynamicAgentLoading"), "only in the JVM that refuses agents");
        List<LogRecord> warnings = new ArrayList<>();
        Handler capture = new Handler() {
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
        Logger logger = Logger.getLogger("dev.portguard.junit");
        logger.addHandler(capture);
        try {
            EngineExecutionResults first = GuardJunitAloneTest.run("noHttpAtAll");
            EngineExecutionResults second = GuardJunitAloneTest.run("sharedClient");
            GuardJunitAloneTest.run("okHttpClientPerCall");
            assertThat(first.testEvents().succeeded().count()).isEqualTo(1);
            assertThat(second.testEvents().succeeded().count()).isEqualTo(1);
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(warnings).as("once per run").hasSize(1);
        assertThat(warnings.get(0).getMessage())
                .contains("cannot see the HTTP clients the code under test builds itself")
                .contains("could not be installed")
                .contains("Fix: attach the agent")
                .contains("-javaagent:");
    }
}
