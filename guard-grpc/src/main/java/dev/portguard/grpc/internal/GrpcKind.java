package dev.portguard.grpc.internal;

import dev.portguard.core.FindingType;
import dev.portguard.core.spi.ClientKind;

import java.util.Map;

/** gRPC-java's channel as a client kind, with each fix in its own API. */
public final class GrpcKind {
    public static final ClientKind KIND = ClientKind.of("grpc", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Build one ManagedChannel per target when the application starts and share it (a channel is"
                    + " thread-safe and multiplexes every RPC over one HTTP/2 connection); shut it down when the"
                    + " application stops. A channel built per call opens a new connection each time, and one never"
                    + " shut down also keeps its connection and threads.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one ManagedChannel and keep it open between calls: check that nothing calls shutdown() or"
                    + " enterIdle() after each RPC, and that the server's max-connection-age and idle settings are"
                    + " not shorter than the gap between calls."));

    private GrpcKind() {
    }
}
