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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a guarded request costs the application: the events a client hook reports for one request on a pooled
 * connection (request started, connection acquired, released), looked up by host and port as hooks do. Run with
 * {@code -prof gc} to see that it allocates nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LedgerHotPathBenchmark {
    private ClientPool pool;
    private PoolDestination known;

    @Setup
    public void setUp() {
        PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        pool = guard.integration().newPool(ClientKind.of("benchmark", Map.of()),
                PoolSettings.ofIdle(64, Duration.ofMinutes(5)));
        known = pool.destination("api.example.com", 443);
        known.requestStarted();
        known.connectionOpened();
    }

    /** One request on a pooled connection, with the destination looked up from the host and port. */
    @Benchmark
    public void pooledRequest() {
        PoolDestination d = pool.destination("api.example.com", 443);
        d.requestStarted();
        d.connectionAcquired();
        d.connectionReleased();
    }

    /** The same from two threads at once (one per core here), contending on the same counters. */
    @Benchmark
    @Threads(2)
    public void pooledRequestTwoThreads() {
        PoolDestination d = pool.destination("api.example.com", 443);
        d.requestStarted();
        d.connectionAcquired();
        d.connectionReleased();
    }

    /** The same from four threads at once, contending on the same counters. */
    @Benchmark
    @Threads(4)
    public void pooledRequestFourThreads() {
        PoolDestination d = pool.destination("api.example.com", 443);
        d.requestStarted();
        d.connectionAcquired();
        d.connectionReleased();
    }

    /** The destination lookup alone. */
    @Benchmark
    public PoolDestination lookup() {
        return pool.destination("api.example.com", 443);
    }
}
