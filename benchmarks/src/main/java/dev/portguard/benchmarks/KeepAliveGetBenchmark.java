package dev.portguard.benchmarks;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.okhttp.OkHttpGuard;
import dev.portguard.testing.LoopbackHttpServer;
import io.micrometer.core.instrument.binder.httpcomponents.hc5.ObservationExecChainHandler;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpMetricsEventListener;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive GET to a loopback server, end to end, through one shared client: {@code bare}, with PortGuard's
 * library integration ({@code library}), or with Micrometer's instrumentation ({@code micrometer}). The agent is
 * measured by running {@code bare} in a JVM started with {@code -javaagent} (benchmarks/run.sh does both).
 * The JDK client has no library integration or Micrometer listener here: only {@code bare}, with and without agent.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class KeepAliveGetBenchmark {
    @Param({"okhttp", "hc5", "jdk"})
    public String client;

    @Param({"bare", "library", "micrometer"})
    public String variant;

    private LoopbackHttpServer server;
    private OkHttpClient okhttp;
    private Request okRequest;
    private CloseableHttpClient hc5;
    private HttpGet hcRequest;
    private HttpClient jdk;
    private HttpRequest jdkRequest;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = new LoopbackHttpServer();
        URI uri = URI.create(server.url());
        PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        switch (client) {
            case "okhttp" -> {
                OkHttpClient.Builder b = new OkHttpClient.Builder();
                if (variant.equals("library")) {
                    OkHttpGuard.using(guard).guard(b);
                } else if (variant.equals("micrometer")) {
                    b.eventListener(OkHttpMetricsEventListener.builder(new SimpleMeterRegistry(), "okhttp.requests")
                            .build());
                }
                okhttp = b.build();
                okRequest = new Request.Builder().url(server.url()).build();
            }
            case "hc5" -> {
                HttpClientBuilder b = HttpClients.custom();
                if (variant.equals("library")) {
                    HttpClient5Guard.instrument(b, guard);
                } else if (variant.equals("micrometer")) {
                    ObservationRegistry registry = ObservationRegistry.create();
                    registry.observationConfig().observationHandler(
                            new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
                    b.addExecInterceptorFirst("micrometer", new ObservationExecChainHandler(registry));
                }
                hc5 = b.build();
                hcRequest = new HttpGet(uri);
            }
            case "jdk" -> {
                if (!variant.equals("bare")) {
                    throw new IllegalArgumentException("the JDK client is measured bare, with and without the agent");
                }
                jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                jdkRequest = HttpRequest.newBuilder(uri).build();
            }
            default -> throw new IllegalArgumentException(client);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (hc5 != null) {
            hc5.close();
        }
        if (okhttp != null) {
            okhttp.connectionPool().evictAll();
            okhttp.dispatcher().executorService().shutdown();
        }
        server.close();
    }

    @Benchmark
    public int get() throws Exception {
        return switch (client) {
            case "okhttp" -> {
                try (Response r = okhttp.newCall(okRequest).execute()) {
                    yield r.body().string().length();
                }
            }
            case "hc5" -> hc5.execute(hcRequest, r -> EntityUtils.toString(r.getEntity()).length());
            default -> jdk.send(jdkRequest, HttpResponse.BodyHandlers.ofString()).body().length();
        };
    }
}
