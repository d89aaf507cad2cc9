package dev.portguard.benchmarks;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolSettings;
import dev.portguard.okhttp.OkHttpGuard;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
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
 * What registering a new client costs, the price a program that builds a client per request pays on every request:
 * the guard's pool with its creation site captured from the stack, alone and through guard-okhttp, on one thread
 * and on eight (where any lock on the way would make threads queue). The pools are dropped at once, as such a
 * program drops its clients, so the guard's registry also has to forget them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolRegistrationBenchmark {
    private static final ClientKind KIND = ClientKind.of("benchmark", Map.of());
    private static final PoolSettings SETTINGS = PoolSettings.ofIdle(5, Duration.ofMinutes(5));

    private PortGuard guard;
    private OkHttpGuard okhttp;

    @Setup
    public void setUp() {
        guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        okhttp = OkHttpGuard.using(guard);
    }

    /** A pool registered through the SPI, its site captured from this thread's stack. */
    @Benchmark
    public Object newPool() {
        return guard.integration().newPool(KIND, SETTINGS);
    }

    @Benchmark
    @Threads(8)
    public Object newPoolEightThreads() {
        return guard.integration().newPool(KIND, SETTINGS);
    }

    /** An OkHttp builder with a pool of its own, guarded: what guard-okhttp (and the agent) do per new client. */
    @Benchmark
    public Object okHttpBuilder() {
        return okhttp.guard(new OkHttpClient.Builder().connectionPool(new ConnectionPool()));
    }

    @Benchmark
    @Threads(8)
    public Object okHttpBuilderEightThreads() {
        return okhttp.guard(new OkHttpClient.Builder().connectionPool(new ConnectionPool()));
    }
}
