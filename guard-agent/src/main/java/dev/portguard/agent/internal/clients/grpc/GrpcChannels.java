package dev.portguard.agent.internal.clients.grpc;

import dev.portguard.agent.internal.AgentLog;
import dev.portguard.agent.internal.HelperLoader;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

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
            return hookFor(builderClass);
        }
    };

    public void building(Object builder) throws Throwable {
        if (builder != null) {
            hookByBuilderClass.get(builder.getClass()).invoke(builder);
        }
    }

    private static MethodHandle hookFor(Class<?> builderClass) {
        try {
            Class<?> hook = HelperLoader.linkedTo(builderClass, HOOK);
            return MethodHandles.publicLookup().findStatic(hook, "guard", MethodType.methodType(void.class,
                    Object.class));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            AgentLog.warn("gRPC from " + builderClass.getClassLoader() + " cannot be guarded (" + e
                    + "); its channels are not counted");
            return MethodHandles.empty(MethodType.methodType(void.class, Object.class));
        }
    }
}
