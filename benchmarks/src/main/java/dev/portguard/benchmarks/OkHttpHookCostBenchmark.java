package dev.portguard.benchmarks;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.okhttp.OkHttpGuard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpMetricsEventListener;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
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

import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an OkHttp event listener adds to a call, without the call: the callbacks OkHttp makes for one GET on a pooled
 * connection, in OkHttp's order, delivered to the listener a client's factory creates for the call. {@code none} is
 * OkHttp's own no-op listener (the floor); {@code longadder} counts calls in one {@link LongAdder}, the least a
 * listener can do; {@code micrometer} is Micrometer's {@link OkHttpMetricsEventListener}, what users run instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OkHttpHookCostBenchmark {
    @Param({"none", "longadder", "portguard", "micrometer"})
    public String listener;

    private EventListener.Factory factory;
    private Call call;
    private Connection connection;
    private Response response;

    @Setup
    public void setUp() {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        switch (listener) {
            case "none" -> { }
            case "longadder" -> builder.eventListener(new CountingListener());
            case "portguard" -> OkHttpGuard.using(PortGuard.create(
                    GuardConfig.builder().logLevel(System.Logger.Level.OFF).build())).guard(builder);
            case "micrometer" -> builder.eventListener(
                    OkHttpMetricsEventListener.builder(new SimpleMeterRegistry(), "okhttp.requests").build());
            default -> throw new IllegalArgumentException(listener);
        }
        OkHttpClient client = builder.build();
        factory = client.eventListenerFactory();
        Request request = new Request.Builder().url("https://api.example.com/v1/items").build();
        call = client.newCall(request);
        connection = new PooledConnection();
        response = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .sentRequestAtMillis(1).receivedResponseAtMillis(2).build();
        // the connection was opened by an earlier call: the guard has seen it, as on a warm pool
        EventListener first = factory.create(call);
        first.callStart(call);
        first.connectionAcquired(call, connection);
        first.connectionReleased(call, connection);
        first.callEnd(call);
    }

    /** One pooled GET's callbacks, including the per-call listener OkHttp asks its factory for. */
    @Benchmark
    public EventListener pooledGet() {
        EventListener l = factory.create(call);
        l.callStart(call);
        l.connectionAcquired(call, connection);
        l.requestHeadersStart(call);
        l.requestHeadersEnd(call, call.request());
        l.responseHeadersStart(call);
        l.responseHeadersEnd(call, response);
        l.responseBodyStart(call);
        l.responseBodyEnd(call, 2);
        l.connectionReleased(call, connection);
        l.callEnd(call);
        return l;
    }

    /** The least a listener can do: count calls. */
    static final class CountingListener extends EventListener {
        final LongAdder calls = new LongAdder();

        @Override
        public void callStart(Call call) {
            calls.increment();
        }
    }

    /** Stands for a pooled connection in the callbacks; no listener measured here reads its socket. */
    static final class PooledConnection implements Connection {
        private final Socket socket = new Socket();

        @Override
        public Route route() {
            throw new UnsupportedOperationException("not needed by the listeners measured");
        }

        @Override
        public Socket socket() {
            return socket;
        }

        @Override
        public Handshake handshake() {
            return null;
        }

        @Override
        public Protocol protocol() {
            return Protocol.HTTP_1_1;
        }
    }
}
