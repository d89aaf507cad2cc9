package dev.portguard.benchmarks;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What leak tracking adds to a guarded request: the same events as {@link LedgerHotPathBenchmark}'s pooled request,
 * with the lease named (acquired, one read, released) as the OkHttp and Apache hooks name it. {@code tracking}:
 * {@code off} is {@code leak.detect=off}; a number is {@code leak.sample}, one acquisition in that many walking the
 * stack for its call site ({@code 1024} is the default; {@code 100000} shows the path without the walk). Run with
 * {@code -prof gc}: the walk is the only allocation, paid by the sampled acquisitions alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LeakTrackingBenchmark {
    @Param({"off", "64", "1024", "100000"})
    public String tracking;

    private ClientPool pool;
    /** Distinct leases, as distinct calls are: each has its own identity hash. */
    private final Object[] leases = new Object[64];
    private int next;

    @Setup
    public void setUp() {
        GuardConfig.Builder config = GuardConfig.builder().logLevel(System.Logger.Level.OFF);
        if (tracking.equals("off")) {
            config.leakDetect(false);
        } else {
            config.leakSample(Integer.parseInt(tracking));
        }
        PortGuard guard = PortGuard.create(config.build());
        pool = guard.integration().newPool(ClientKind.of("benchmark", Map.of()),
                PoolSettings.ofIdle(64, Duration.ofMinutes(5)));
        for (int i = 0; i < leases.length; i++) {
            leases[i] = new Object();
        }
        PoolDestination d = pool.destination("api.example.com", 443);
        d.requestStarted();
        d.connectionOpened();
    }

    /** One request on a pooled connection whose lease is aged: taken, read once, given back. */
    @Benchmark
    public void leasedRequest() {
        Object lease = leases[next++ & 63];
        PoolDestination d = pool.destination("api.example.com", 443);
        d.requestStarted();
        d.connectionAcquired(lease);
        d.leaseProgressed(lease);
        d.connectionReleased(lease);
    }
}
