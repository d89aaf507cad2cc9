package dev.portguard.core.internal.publish;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.internal.sites.SiteOrigins;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool finding waits for the end of the exchange that raised it. The probe's tick must not take a young one from
 * its exchange (its first line would miss the connection that raised it, and be said on the probe's thread), but
 * must say one whose exchange never ended.
 */
class WaitingAnnouncementTest {
    private final List<Finding> said = new CopyOnWriteArrayList<>();
    private final Sinks sinks = new Sinks(GuardConfig.builder().build(), new SiteOrigins(1));
    private final Object route = new Object();

    WaitingAnnouncementTest() {
        sinks.addListener(said::add);
    }

    private RaisedFinding raised(Object subject) {
        return new RaisedFinding() {
            @Override
            public FindingType type() {
                return FindingType.NEW_CONNECTION_PER_REQUEST;
            }

            @Override
            public Object subject() {
                return subject;
            }

            @Override
            public Finding current() {
                return new Finding(type(), "api.example:443", "app.Api.call(Api.java:10)", "m", "a", Map.of());
            }

            @Override
            public boolean poolMisuse() {
                return true;
            }
        };
    }

    @Test
    void a_young_finding_is_left_to_its_own_exchange() {
        assertThat(sinks.raiseAtExchangeEnd(raised(route))).isTrue();

        sinks.announceWaitingLongerThan(TimeUnit.SECONDS.toNanos(1)); // the probe's tick, just after the raise
        assertThat(said).isEmpty();

        sinks.exchangeEnded(route);
        assertThat(said).hasSize(1);
    }

    @Test
    void a_finding_whose_exchange_never_ends_is_said_by_a_later_tick() throws Exception {
        sinks.raiseAtExchangeEnd(raised(route));
        Thread.sleep(20);

        sinks.announceWaitingLongerThan(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(said).hasSize(1);

        sinks.exchangeEnded(route); // the exchange ends after all: nothing is said twice
        assertThat(said).hasSize(1);
    }

    @Test
    void a_snapshot_says_every_waiting_finding_at_once() {
        sinks.raiseAtExchangeEnd(raised(route));
        sinks.raiseAtExchangeEnd(raised(new Object()));

        assertThat(sinks.findings()).hasSize(2);
        assertThat(said).hasSize(2);
    }

    @Test
    void another_routes_exchange_does_not_say_it() {
        sinks.raiseAtExchangeEnd(raised(route));

        sinks.exchangeEnded(new Object());
        assertThat(said).isEmpty();
    }
}
