package dev.portguard.agent.internal.clients.okhttp;

import dev.portguard.agent.internal.HelperLoader;

import java.lang.invoke.MethodHandle;

/**
 * OkHttp 4.x and 5.x: every client is built through the {@code OkHttpClient(Builder)} constructor (the no-argument
 * constructor delegates to it), so guarding the builder there guards every client, with guard-okhttp's listener.
 */
public final class OkHttpClients {
    private static final String HOOK = "dev.portguard.agent.internal.clients.okhttp.OkHttpBuilderHook";

    /** guard-okhttp builds a client from the builder to read it; that inner build must not be guarded again. */
    private final ThreadLocal<Boolean> guarding = new ThreadLocal<>();
    private final ClassValue<MethodHandle> hookByBuilderClass = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> builderClass) {
            return HelperLoader.guardHook(builderClass, HOOK, "OkHttp", "its clients");
        }
    };

    public void building(Object builder) throws Throwable {
        if (builder == null || guarding.get() != null) {
            return;
        }
        guarding.set(Boolean.TRUE);
        try {
            hookByBuilderClass.get(builder.getClass()).invoke(builder);
        } finally {
            guarding.remove();
        }
    }
}
