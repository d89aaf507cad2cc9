package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Apache 5.x async {@code connect(endpoint, ...)}: counted on entry, because the connection can complete, serve its
 * request and be released on the I/O thread before {@code connect} returns here, leaving no route to read.
 */
public final class AsyncConnectAdvice {
    private AsyncConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool, @Advice.Argument(0) Object endpoint) {
        Bridge.routeConnected(pool, endpoint, null);
    }
}
