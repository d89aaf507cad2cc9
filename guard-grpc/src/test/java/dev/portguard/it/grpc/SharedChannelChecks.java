package dev.portguard.it.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.portguard.core.DestinationCounts;
import dev.portguard.core.PortGuard;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The healthy shapes of a shared channel, whichever transport carries it: 5 rounds of 100 RPCs at once over its one
 * HTTP/2 connection, and 200 RPCs one after another. Each shuts the channel down, checks the guard's counts against
 * the server's, and that the guard stayed quiet.
 */
final class SharedChannelChecks {
    private SharedChannelChecks() {
    }

    /** The server should answer after a delay (50 ms), so the RPCs of a round are in flight together. */
    static void concurrentRpcsShareOneConnection(PortGuard guard, GrpcLoopbackServer server, ManagedChannel channel)
            throws Exception {
        try {
            for (int round = 0; round < 5; round++) {
                List<ListenableFuture<String>> calls = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    calls.add(ClientCalls.futureUnaryCall(channel.newCall(Echo.CALL, CallOptions.DEFAULT), "hi"));
                }
                for (ListenableFuture<String> call : calls) {
                    assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("hi");
                }
            }
        } finally {
            channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(server.peakInFlight()).as("RPCs were in flight together").isGreaterThanOrEqualTo(50);
        DestinationCounts c = counts(guard, server);
        assertThat(c.requests()).isEqualTo(500).isEqualTo(server.requests());
        assertThat(c.connectionsOpened()).isEqualTo(1).isEqualTo(server.connections());
        assertThat(c.protocols()).as("HTTP/2 without TLS").containsExactly("h2c");
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    static void sequentialRpcsShareOneConnection(PortGuard guard, GrpcLoopbackServer server, ManagedChannel channel)
            throws Exception {
        try {
            for (int i = 0; i < 200; i++) {
                assertThat(ClientCalls.blockingUnaryCall(channel, Echo.CALL, CallOptions.DEFAULT, "hi")).isEqualTo("hi");
            }
        } finally {
            channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        }
        DestinationCounts c = counts(guard, server);
        assertThat(c.requests()).isEqualTo(200).isEqualTo(server.requests());
        assertThat(c.connectionsOpened()).isEqualTo(1).isEqualTo(server.connections());
        assertThat(guard.snapshot().findings()).isEmpty();
    }

    private static DestinationCounts counts(PortGuard guard, GrpcLoopbackServer server) {
        return guard.snapshot().destination(server.destination()).orElseThrow();
    }
}
