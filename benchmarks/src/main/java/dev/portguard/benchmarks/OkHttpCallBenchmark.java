package dev.portguard.benchmarks;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.okhttp.OkHttpGuard;
import dev.portguard.testing.NoDelayServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * A whole OkHttp call on a pooled loopback connection, with and without the guard, side by side in one run: the
 * guard's cost against what a call costs anyway.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OkHttpCallBenchmark {
    @Param({"plain", "guarded"})
    public String client;

    private MockWebServer server;
    private OkHttpClient http;
    private Request request;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = new MockWebServer();
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return new MockResponse.Builder().body("ok").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (client.equals("guarded")) {
            PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
            OkHttpGuard.using(guard).guard(builder);
        }
        http = builder.build();
        request = new Request.Builder().url(server.url("/")).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
    }

    @Benchmark
    public String call() throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return response.body().string();
        }
    }
}
