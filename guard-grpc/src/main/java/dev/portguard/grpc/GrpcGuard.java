package dev.portguard.grpc;

import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.CallSites;
import dev.portguard.grpc.internal.GuardInterceptor;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * Feeds a gRPC channel's RPCs, and the TCP connections they ride on, to a {@link PortGuard}.
 *
 * <pre>{@code
 * ManagedChannel channel = GrpcGuard.instrument(
 *         ManagedChannelBuilder.forTarget("orders:443"))
 *     .build();
 * }</pre>
 *
 * <p>Each channel is one pool, created at the line that guarded its builder; each RPC is a request; each transport
 * (one HTTP/2 connection, which carries many RPCs at once) is a connection. A channel built per call is what
 * {@code NEW_CLIENT_PER_REQUEST} is about; a shared channel serving many concurrent RPCs over one connection is the
 * healthy case and stays quiet. Works with every transport (Netty, Netty shaded, OkHttp) through grpc-api alone.
 */
public final class GrpcGuard {
    /** Builders already guarded, by identity: a builder used for many channels gets one interceptor. */
    private static final Map<Object, Boolean> GUARDED = Collections.synchronizedMap(new WeakHashMap<>());

    private final PortGuard guard;

    private GrpcGuard(PortGuard guard) {
        this.guard = guard;
    }

    /** Instrumentation that reports to {@code guard} rather than to {@link PortGuard#global()}. */
    public static GrpcGuard using(PortGuard guard) {
        return new GrpcGuard(Objects.requireNonNull(guard, "guard"));
    }

    /** Guards {@code builder} for the global guard; see {@link #guard(ManagedChannelBuilder)}. */
    public static <T extends ManagedChannelBuilder<?>> T instrument(T builder) {
        return using(PortGuard.global()).guard(builder);
    }

    /**
     * Adds the guard's interceptor to {@code builder} and returns it. The code calling this is recorded as the
     * creation site of every channel the builder builds, so call it where the channel is built. Guarding a builder
     * again does nothing.
     */
    public <T extends ManagedChannelBuilder<?>> T guard(T builder) {
        Objects.requireNonNull(builder, "builder");
        if (GUARDED.putIfAbsent(builder, Boolean.TRUE) == null) {
            builder.intercept(interceptor());
        }
        return builder;
    }

    /**
     * An interceptor for {@code ClientInterceptors.intercept(channel, ...)} or a builder's {@code intercept}: each
     * channel it serves is one pool, created at the code calling this.
     */
    public ClientInterceptor interceptor() {
        return new GuardInterceptor(guard.integration(), CallSites.capture());
    }

    /** The guard this instrumentation reports to. */
    public PortGuard portGuard() {
        return guard;
    }
}
