package dev.portguard.benchmarks;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.testing.LoopbackHttpServer;
import io.micrometer.core.instrument.binder.httpcomponents.hc5.ObservationExecChainHandler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
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

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a hook adds to one Apache HttpClient 5 request on a pooled connection, without the I/O: the lease of a kept
 * connection from the pool and its release (HttpClient's own cost, {@code bare}), and the same with each hook.
 * PortGuard hooks the connection manager ({@code portguard}); Micrometer's per-request instrumentation for
 * HttpClient 5 is its {@link ObservationExecChainHandler} around the exchange ({@code micrometer}, timers through
 * {@link DefaultMeterObservationHandler}); {@code longadder} counts requests in one {@link LongAdder}. What a hook
 * costs is its variant minus {@code bare}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpClient5HookCostBenchmark {
    private static final Timeout TIMEOUT = Timeout.ofSeconds(5);
    private static final TimeValue KEEP = TimeValue.ofMinutes(5);

    @Param({"bare", "longadder", "portguard", "micrometer"})
    public String hook;

    private LoopbackHttpServer server;
    private HttpClientConnectionManager manager;
    private HttpRoute route;
    private HttpGet request;
    private ExecChain.Scope scope;
    private ExecChain leaseAndRelease;
    private ObservationExecChainHandler observation;
    private final LongAdder requests = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = new LoopbackHttpServer();
        PoolingHttpClientConnectionManager pooling = PoolingHttpClientConnectionManagerBuilder.create().build();
        manager = hook.equals("portguard")
                ? HttpClient5Guard.guard(pooling, PortGuard.create(
                        GuardConfig.builder().logLevel(System.Logger.Level.OFF).build()))
                : pooling;
        URI uri = URI.create(server.url());
        route = new HttpRoute(new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort()));
        request = new HttpGet(uri);
        // one real connection, opened once and kept by the pool: every measured lease takes it again
        HttpClientContext context = HttpClientContext.create();
        ConnectionEndpoint endpoint = manager.lease("warm", route, TIMEOUT, null).get(TIMEOUT);
        manager.connect(endpoint, TimeValue.ofSeconds(5), context);
        manager.release(endpoint, null, KEEP);
        // the handler measured reads the request and the context, not the runtime: a runtime that does nothing serves
        ExecRuntime runtime = (ExecRuntime) Proxy.newProxyInstance(ExecRuntime.class.getClassLoader(),
                new Class<?>[] {ExecRuntime.class}, (proxy, method, args) -> {
                    Class<?> type = method.getReturnType();
                    return type == boolean.class ? Boolean.FALSE : null;
                });
        scope = new ExecChain.Scope("bench", route, request, runtime, context);
        ClassicHttpResponse ok = new BasicClassicHttpResponse(200, "OK");
        leaseAndRelease = (req, s) -> {
            try {
                ConnectionEndpoint e = manager.lease("bench", route, TIMEOUT, null).get(TIMEOUT);
                manager.release(e, null, KEEP);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return ok;
        };
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
        observation = new ObservationExecChainHandler(registry);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws java.io.IOException {
        manager.close();
        server.close();
    }

    /** One pooled request's lease and release, with the hook under test. */
    @Benchmark
    public ClassicHttpResponse pooledRequest() throws Exception {
        return switch (hook) {
            case "micrometer" -> observation.execute(request, scope, leaseAndRelease);
            case "longadder" -> {
                requests.increment();
                yield leaseAndRelease.proceed(request, scope);
            }
            default -> leaseAndRelease.proceed(request, scope);
        };
    }
}
