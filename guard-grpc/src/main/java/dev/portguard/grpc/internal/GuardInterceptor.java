package dev.portguard.grpc.internal;

import dev.portguard.core.spi.Integration;
import dev.portguard.core.spi.PoolSettings;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * One interceptor per guarded builder, serving every channel built from it. The channel below the interceptor
 * ({@code next}) is a distinct object per channel, so it tells channels apart: each gets its own pool on its first
 * RPC, with the site where its builder was guarded. Channels are held weakly; a dropped one leaves no trace here.
 */
public final class GuardInterceptor implements ClientInterceptor {
    private final Integration integration;
    private final String site;
    /** Guarded by itself; touched once per channel, and only when {@link #last} is another channel. */
    private final Map<Channel, ChannelCounts> channels = new WeakHashMap<>();
    /** The channel of the latest RPC: a builder usually builds one channel, so this is the hot path. */
    private volatile ChannelCounts last;

    public GuardInterceptor(Integration integration, String site) {
        this.integration = integration;
        this.site = site;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
                                                               CallOptions callOptions, Channel next) {
        ClientCall<ReqT, RespT> call = next.newCall(method, callOptions);
        ChannelCounts counts;
        try {
            counts = countsOf(next);
        } catch (RuntimeException | LinkageError e) {
            return call; // never break the RPC
        }
        return new CountedCall<>(call, counts);
    }

    private ChannelCounts countsOf(Channel next) {
        ChannelCounts c = last;
        if (c != null && c.serves(next)) {
            return c;
        }
        synchronized (channels) {
            c = channels.get(next);
            if (c == null) {
                c = new ChannelCounts(next, integration.newPool(GrpcKind.KIND, PoolSettings.UNKNOWN_SETTINGS, site));
                channels.put(next, c);
            }
        }
        last = c;
        return c;
    }
}
