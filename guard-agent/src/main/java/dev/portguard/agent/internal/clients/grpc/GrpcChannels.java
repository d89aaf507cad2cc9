package dev.portguard.agent.internal.clients.grpc;

import dev.portguard.agent.internal.HelperLoader;

import java.lang.invoke.MethodHandle;

/**
 * gRPC-java: whatever builder the application starts from ({@code ManagedChannelBuilder.forTarget},
 * {@code Grpc.newChannelBuilder}, {@code NettyChannelBuilder}, {@code OkHttpChannelBuilder}), the channel is built
 * by {@code io.grpc.internal.ManagedChannelImplBuilder.build()}. Guarding that builder as it builds adds
 * guard-grpc's interceptor once per builder, with the application's line that built the channel as its site.
 */
public final class GrpcChannels {
    private static final String HOOK = "dev.portguard.agent.internal.clients.grpc.GrpcBuilderHook";

    private final ClassValue<MethodHandle> hookByBuilderClass = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> builderClass) {
            return HelperLoader.guardHook(builderClass, HOOK, "gRPC", "its channels");
        }
    };

    public void building(Object builder) throws Throwable {
        if (builder != null) {
            hookByBuilderClass.get(builder.getClass()).invoke(builder);
        }
    }
}
