package dev.portguard.it.core;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code log.level} is how much PortGuard says; {@code finding.level} is the level a finding is written at. */
class FindingLogLevelTest {
    private final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getMessage().startsWith("PortGuard NEW_")) {
                records.add(r);
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
        Logger.getLogger("dev.portguard").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("dev.portguard").removeHandler(capture);
    }

    private List<LogRecord> findingLines(GuardConfig config) {
        PortGuard guard = PortGuard.create(config);
        PoolDestination d = guard.integration().newPool(ClientKind.of("test-client", Map.of()),
                PoolSettings.UNKNOWN_SETTINGS).destination("api.example.com", 443);
        for (int i = 0; i < 30; i++) {
            d.requestStarted();
            d.connectionOpened();
            d.connectionAcquired();
            d.connectionReleased();
        }
        assertThat(guard.snapshot().findings()).hasSize(1);
        return records;
    }

    @Test
    void asking_for_info_lines_keeps_findings_at_warning() {
        assertThat(findingLines(GuardConfig.builder().logLevel(Level.INFO).build()))
                .singleElement().satisfies(r -> assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING));
    }

    @Test
    void finding_level_demotes_findings_which_show_only_when_log_level_lets_them_through() {
        assertThat(findingLines(GuardConfig.builder().findingLevel(Level.INFO).build())).isEmpty();
        assertThat(findingLines(GuardConfig.builder().findingLevel(Level.INFO).logLevel(Level.INFO).build()))
                .singleElement().satisfies(r -> assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.INFO));
    }

    @Test
    void log_level_off_says_nothing() {
        assertThat(findingLines(GuardConfig.builder().logLevel(Level.OFF).build())).isEmpty();
    }

    @Test
    void the_first_line_of_a_finding_counts_the_connection_that_raised_it() {
        PortGuard guard = PortGuard.create(GuardConfig.defaults());
        for (int i = 0; i < 20; i++) {
            PoolDestination d = guard.integration().newPool(ClientKind.of("test-client", Map.of()),
                    PoolSettings.ofIdle(5, java.time.Duration.ofMinutes(5))).destination("api.example.com", 443);
            d.requestStarted();
            d.connectionOpened();
            d.connectionAcquired();
            d.connectionReleased();
        }
        assertThat(records).singleElement().satisfies(r -> assertThat(r.getMessage())
                .contains("20 test-client clients created at this site sent 20 requests to api.example.com:443"
                        + " and opened 20 connections"));
    }
}
