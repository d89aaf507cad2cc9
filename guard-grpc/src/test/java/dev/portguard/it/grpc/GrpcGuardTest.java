package dev.portguard.it.grpc;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.grpc.GrpcGuard;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
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
 * gRPC-java over real loopback TCP (grpc-netty-shaded on both ends, on the build's gRPC and on the oldest release
 * tested: {@code portguard.test.grpc}, one surefire run each): the guard's counts must equal what the server saw. A channel built per call is a new client per request, whichever builder built it; one shared channel
 * carrying 100 RPCs at once over its one HTTP/2 connection is healthy and gets no finding.
 */
class GrpcGuardTest {
    private GrpcLoopbackServer server;
    private PortGuard guard;
    private GrpcGuard grpc;

    @BeforeEach
    void start() throws Exception {
        assertThat(NettyChannelBuilder.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .as("the gRPC release under test")
                .endsWith("grpc-netty-shaded-" + System.getProperty("portguard.test.grpc") + ".jar");
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

    private ManagedChannelBuilder<?> builder(String kind, String target) {
        return switch (kind) {
            case "netty" -> NettyChannelBuilder.forTarget(target).usePlaintext();
            case "managed" -> ManagedChannelBuilder.forTarget(target).usePlaintext();
            case "grpc" -> Grpc.newChannelBuilder(target, InsecureChannelCredentials.create());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static void call(ManagedChannel channel) {
        assertThat(ClientCalls.blockingUnaryCall(channel, GrpcLoopbackServer.ECHO, CallOptions.DEFAULT, "hi"))
                .isEqualTo("hi");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"netty", "managed", "grpc"})
    void aChannelBuiltPerCallIsANewClientPerRequestAtItsSite(String kind) throws Exception {
        server = new GrpcLoopbackServer();
        for (int i = 0; i < 100; i++) {
            ManagedChannel channel = grpc.guard(builder(kind, server.target())).build(); // the site
            try {
                call(channel);
            } finally {
                channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        DestinationCounts c = counts();
        assertThat(c.requests()).isEqualTo(100).isEqualTo(server.requests());
        assertThat(c.connectionsOpened()).isEqualTo(100).isEqualTo(server.connections());
        List<Finding> findings = guard.snapshot().findings();
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.type()).isEqualTo(FindingType.NEW_CLIENT_PER_REQUEST);
        assertThat(f.destination()).isEqualTo(server.destination());
        assertThat(f.site()).startsWith(GrpcGuardTest.class.getName()
                + ".aChannelBuiltPerCallIsANewClientPerRequestAtItsSite(GrpcGuardTest.java:");
        assertThat(f.message()).contains("grpc clients");
        assertThat(f.advice()).contains("ManagedChannel");
    }

    @Test
    void channelsBuiltPerCallAndNeverShutDownAreFlaggedToo() throws Exception {
        server = new GrpcLoopbackServer();
        List<ManagedChannel> leaked = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                ManagedChannel channel = grpc.guard(builder("netty", server.target())).build();
                leaked.add(channel);
                call(channel);
            }
            assertThat(counts().connectionsOpened()).isEqualTo(60).isEqualTo(server.connections());
            assertThat(guard.snapshot().findings(FindingType.NEW_CLIENT_PER_REQUEST)).hasSize(1);
        } finally {
            leaked.forEach(ManagedChannel::shutdownNow);
        }
    }

    @Test
    void aBuilderReusedForManyChannelsCountsEachChannelAsItsOwnPool() throws Exception {
        server = new GrpcLoopbackServer();
        ManagedChannelBuilder<?> builder = grpc.guard(grpc.guard(builder("netty", server.target())));
        for (int i = 0; i < 40; i++) {
            ManagedChannel channel = builder.build();
            call(channel);
            channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(counts().requests()).as("guarding twice counts once").isEqualTo(40).isEqualTo(server.requests());
        assertThat(counts().connectionsOpened()).isEqualTo(40).isEqualTo(server.connections());
        assertThat(guard.snapshot().pools()).hasSize(40);
        assertThat(guard.snapshot().findings(FindingType.NEW_CLIENT_PER_REQUEST)).hasSize(1);
    }

    @Test
    void aSharedChannelServing100ConcurrentRpcsOverOneConnectionIsHealthy() throws Exception {
        server = new GrpcLoopbackServer(Duration.ofMillis(50));
        SharedChannelChecks.concurrentRpcsShareOneConnection(guard, server,
                grpc.guard(builder("netty", server.target())).build());
    }

    @Test
    void inProcessChannelsSpendNoPortsAndAreNotCountedEvenWhenBuiltPerCall() throws Exception {
        String name = "portguard-in-process";
        io.grpc.Server inProcess = io.grpc.inprocess.InProcessServerBuilder.forName(name).directExecutor()
                .addService(io.grpc.ServerServiceDefinition.builder(Echo.SERVICE)
                        .addMethod(GrpcLoopbackServer.ECHO, io.grpc.stub.ServerCalls.asyncUnaryCall(
                                (String request, io.grpc.stub.StreamObserver<String> reply) -> {
                                    reply.onNext(request);
                                    reply.onCompleted();
                                }))
                        .build())
                .build().start();
        try {
            for (int i = 0; i < 100; i++) {
                ManagedChannel channel = grpc.guard(
                        io.grpc.inprocess.InProcessChannelBuilder.forName(name).directExecutor()).build();
                call(channel);
                channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            inProcess.shutdownNow();
        }
        assertThat(guard.snapshot().destinations()).isEmpty();
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    @Test
    void aSharedChannelCallingInSequenceIsHealthy() throws Exception {
        server = new GrpcLoopbackServer();
        SharedChannelChecks.sequentialRpcsShareOneConnection(guard, server,
                grpc.guard(builder("managed", server.target())).build());
    }
}
