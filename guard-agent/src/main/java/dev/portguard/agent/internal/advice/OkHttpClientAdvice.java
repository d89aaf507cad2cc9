package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** {@code OkHttpClient(Builder)}: guard the builder before the client copies it. */
public final class OkHttpClientAdvice {
    private OkHttpClientAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object builder) {
        Bridge.okHttpClientBuilding(builder);
    }
}
