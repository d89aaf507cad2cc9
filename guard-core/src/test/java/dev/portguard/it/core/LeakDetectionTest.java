package dev.portguard.it.core;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leases driven through the hooks' SPI as an integration drives them (acquire with the call or endpoint, progress on
 * each read, release with the same object), with the guard's own leak watch thread doing the looking.
 */
class LeakDetectionTest {
    private static final ClientKind KIND = ClientKind.of("test-client", Map.of());
    private static final PoolSettings FIVE_IDLE = PoolSettings.ofIdle(5, Duration.ofMinutes(5));
    private static final Duration AGE = Duration.ofMillis(300);

    private static PortGuard guard(GuardConfig.Builder extra) {
        return PortGuard.create(extra.logLevel(System.Logger.Level.OFF).leakAge(AGE).leakCount(3).build());
    }

    private static PortGuard guard() {
        return guard(GuardConfig.builder());
    }

    /** Takes a connection and never gives it back: the body was never closed. */
    private static Object leakyCall(PoolDestination d) {
        Object call = new Object();
        d.requestStarted();
        d.connectionAcquired(call);
        return call;
    }

    private static void closedCall(PoolDestination d) {
        Object call = new Object();
        d.requestStarted();
        d.connectionAcquired(call);
        d.leaseProgressed(call);
        d.connectionReleased(call);
    }

    private static Optional<Finding> leakWithin(PortGuard guard, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            Optional<Finding> leak = guard.snapshot().findings().stream()
                    .filter(f -> f.type() == FindingType.CONNECTION_LEAK).findFirst();
            if (leak.isPresent()) {
                return leak;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    @Test
    void bodiesNeverClosedAreALeakAtTheSiteThatTookThem() throws InterruptedException {
        PortGuard guard = guard();
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(leakyCall(d));
        }
        Finding f = leakWithin(guard, Duration.ofSeconds(5)).orElseThrow();
        assertThat(f.destination()).isEqualTo("api.example.com:443");
        assertThat(f.site()).startsWith("dev.portguard.it.core.LeakDetectionTest.leakyCall(LeakDetectionTest.java:");
        assertThat(f.evidenceLong("connectionsOutstanding")).isEqualTo(5);
        assertThat(f.evidenceLong("acquisitionsFromSite")).isEqualTo(5);
        assertThat(Double.parseDouble((String) f.evidence().get("oldestHeldSeconds"))).isGreaterThanOrEqualTo(0.3);
        assertThat(f.evidence().get("clientCreatedAt").toString()).contains("LeakDetectionTest.bodiesNeverClosedAreALeakAtTheSiteThatTookThem(");
        assertThat(f.advice()).contains("response.close()").contains("EntityUtils.consume");
        assertThat(held).hasSize(5);
    }

    @Test
    void fewerLeaksThanTheCountAreNotReported() throws InterruptedException {
        PortGuard guard = guard();
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
        leakyCall(d);
        leakyCall(d);
        assertThat(leakWithin(guard, AGE.multipliedBy(4))).isEmpty();
    }

    @Test
    void bodiesClosedAndLongStreamsThatKeepReadingAreNotLeaks() throws InterruptedException {
        PortGuard guard = guard();
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
        for (int i = 0; i < 2000; i++) {
            closedCall(d);
        }
        // Four downloads (or event streams) held five times the leak age, each reading every 50 ms.
        List<Object> streams = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Object call = new Object();
            d.requestStarted();
            d.connectionAcquired(call);
            streams.add(call);
        }
        long end = System.nanoTime() + AGE.multipliedBy(5).toNanos();
        while (System.nanoTime() < end) {
            streams.forEach(d::leaseProgressed);
            Thread.sleep(50);
        }
        streams.forEach(d::connectionReleased);
        assertThat(leakWithin(guard, AGE.multipliedBy(2))).isEmpty();
    }

    @Test
    void aStreamThatStopsReadingBecomesALeak() throws InterruptedException {
        PortGuard guard = guard();
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
        List<Object> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            streams.add(leakyCall(d));
        }
        for (int i = 0; i < 6; i++) {
            streams.forEach(d::leaseProgressed);
            Thread.sleep(50);
        }
        assertThat(guard.snapshot().findings()).isEmpty(); // reading: not yet
        Finding f = leakWithin(guard, Duration.ofSeconds(5)).orElseThrow(); // stopped reading: a leak
        assertThat(f.evidenceLong("connectionsOutstanding")).isEqualTo(3);
    }

    @Test
    void aLeakFromAnUnsampledSiteIsFoundAtTheNextAcquisitionsThere() throws InterruptedException {
        PortGuard guard = guard(GuardConfig.builder().leakSample(1000));
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
        for (int i = 0; i < 20; i++) {
            closedCall(d); // the always-sampled first acquisitions go to healthy code
        }
        for (int i = 0; i < 3; i++) {
            leakyCall(d); // not sampled
        }
        Thread.sleep(AGE.multipliedBy(2).toMillis());
        assertThat(guard.snapshot().findings()).isEmpty(); // held, but nobody knows where they were taken yet
        for (int i = 0; i < 3; i++) {
            leakyCall(d); // the watch asked for sites: these say where they come from
        }
        Finding f = leakWithin(guard, Duration.ofSeconds(5)).orElseThrow();
        assertThat(f.site()).contains("LeakDetectionTest.leakyCall(");
        assertThat(f.evidenceLong("acquisitionsFromSite")).isEqualTo(3);
    }

    @Test
    void trackingIsBoundedWhateverTheLeak() throws InterruptedException {
        PortGuard guard = guard(GuardConfig.builder().leakTracked(16));
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
        for (int i = 0; i < 100_000; i++) {
            leakyCall(d);
        }
        Finding f = leakWithin(guard, Duration.ofSeconds(5)).orElseThrow();
        long outstanding = f.evidenceLong("connectionsOutstanding");
        assertThat(outstanding).isBetween(3L, 32L); // a table of at most 32 slots, whatever leaked
    }

    @Test
    void findLeaksNowReportsEveryConnectionStillHeldAndResetForgetsThem() {
        PortGuard guard = guard();
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
        closedCall(d);
        guard.testing().findLeaksNow();
        assertThat(guard.snapshot().findings()).isEmpty();
        leakyCall(d);
        guard.testing().findLeaksNow();
        Finding f = guard.snapshot().findings().get(0);
        assertThat(f.type()).isEqualTo(FindingType.CONNECTION_LEAK);
        assertThat(f.site()).contains("LeakDetectionTest.leakyCall(");
        assertThat(f.evidenceLong("connectionsOutstanding")).isEqualTo(1);
        guard.testing().reset();
        guard.testing().findLeaksNow();
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @Test
    void offTracksNothing() throws InterruptedException {
        PortGuard guard = guard(GuardConfig.builder().leakDetect(false));
        PoolDestination d = guard.integration().newPool(KIND, FIVE_IDLE).destination("api.example.com", 443);
        for (int i = 0; i < 5; i++) {
            leakyCall(d);
        }
        guard.testing().findLeaksNow();
        assertThat(leakWithin(guard, AGE.multipliedBy(3))).isEmpty();
    }
}
