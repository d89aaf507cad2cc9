package dev.portguard.it.grpc;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.grpc.GrpcGuard;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gRPC-java's OkHttp transport (grpc-okhttp) over real loopback TCP against the Netty server, on the gRPC release
 * the build names for it ({@code portguard.test.grpc}: the newest grpc-okhttp the registry serves and gRPC's oldest
 * tested release, one surefire run each). The OkHttp transport hands every RPC its connection's addresses like Netty's does, so
 * the same interceptor counts it: a channel built per call is a new client per request at its site, shut down or
 * not; one shared channel carrying 100 RPCs at once over its one HTTP/2 connection is quiet.
 */
class GrpcOkHttpGuardTest {
    private GrpcLoopbackServer server;
    private PortGuard guard;
    private GrpcGuard grpc;

    @BeforeEach
    void start() {
        assertThat(OkHttpChannelBuilder.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).as("the grpc-okhttp release under test")
                .endsWith("grpc-okhttp-" + System.getProperty("portguard.test.grpc") + ".jar");
        guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
        grpc = GrpcGuard.using(guard);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private DestinationCounts counts() {
        return guard.snapshot().destination(server.destination()).orElseThrow();
    }

    private ManagedChannelBuilder<?> builder(String kind) {
        return switch (kind) {
            case "forAddress" -> OkHttpChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext();
            case "forTarget" -> OkHttpChannelBuilder.forTarget(server.target()).usePlaintext();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static void call(ManagedChannel channel) {
        assertThat(ClientCalls.blockingUnaryCall(channel, Echo.CALL, CallOptions.DEFAULT, "hi")).isEqualTo("hi");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"forAddress", "forTarget"})
    void anOkHttpChannelBuiltPerCallIsANewClientPerRequestAtItsSite(String kind) throws Exception {
        server = new GrpcLoopbackServer();
        for (int i = 0; i < 100; i++) {
            ManagedChannel channel = grpc.guard(builder(kind)).build(); // the site
            try {
                call(channel);
            } finally {
                channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        DestinationCounts c = counts();
        assertThat(c.requests()).isEqualTo(100).isEqualTo(server.requests());
        assertThat(c.connectionsOpened()).isEqualTo(100).isEqualTo(server.connections());
        assertThat(c.protocols()).as("HTTP/2 without TLS").containsExactly("h2c");
        List<Finding> findings = guard.snapshot().findings();
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.type()).isEqualTo(FindingType.NEW_CLIENT_PER_REQUEST);
        assertThat(f.destination()).isEqualTo(server.destination());
        assertThat(f.site()).startsWith(GrpcOkHttpGuardTest.class.getName()
                + ".anOkHttpChannelBuiltPerCallIsANewClientPerRequestAtItsSite(GrpcOkHttpGuardTest.java:");
        assertThat(f.advice()).contains("ManagedChannel");
    }

    @Test
    void okHttpChannelsBuiltPerCallAndNeverShutDownAreFlaggedToo() throws Exception {
        server = new GrpcLoopbackServer();
        List<ManagedChannel> leaked = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                ManagedChannel channel = grpc.guard(builder("forAddress")).build();
                leaked.add(channel);
                call(channel);
            }
            assertThat(counts().requests()).isEqualTo(60).isEqualTo(server.requests());
            assertThat(counts().connectionsOpened()).isEqualTo(60).isEqualTo(server.connections());
            List<Finding> findings = guard.snapshot().findings(FindingType.NEW_CLIENT_PER_REQUEST);
            assertThat(findings).hasSize(1);
            assertThat(findings.get(0).site()).startsWith(GrpcOkHttpGuardTest.class.getName()
                    + ".okHttpChannelsBuiltPerCallAndNeverShutDownAreFlaggedToo(GrpcOkHttpGuardTest.java:");
        } finally {
            leaked.forEach(ManagedChannel::shutdownNow);
        }
    }

    @Test
    void aSharedOkHttpChannelServing100ConcurrentRpcsOverOneConnectionIsHealthy() throws Exception {
        server = new GrpcLoopbackServer(Duration.ofMillis(50));
        SharedChannelChecks.concurrentRpcsShareOneConnection(guard, server, grpc.guard(builder("forAddress")).build());
    }

    @Test
    void aSharedOkHttpChannelCallingInSequenceIsHealthy() throws Exception {
        server = new GrpcLoopbackServer();
        SharedChannelChecks.sequentialRpcsShareOneConnection(guard, server, grpc.guard(builder("forTarget")).build());
    }
}
