package dev.portguard.agent.internal.clients.grpc;

import dev.portguard.core.PortGuard;
import dev.portguard.grpc.GrpcGuard;
import io.grpc.ManagedChannelBuilder;

/**
 * Guards a gRPC channel builder with guard-grpc. Defined once per application class loader that holds gRPC, by a
 * {@code HelperLoader}, so it links against that loader's gRPC; the guard itself is the agent's one instance.
 */
public final class GrpcBuilderHook {
    private GrpcBuilderHook() {
    }

    public static void guard(Object builder) {
        GrpcGuard.using(PortGuard.global()).guard((ManagedChannelBuilder<?>) builder);
    }
}
