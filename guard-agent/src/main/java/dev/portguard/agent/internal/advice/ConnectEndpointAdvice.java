package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Apache 5.x {@code connect(endpoint, ...)}: called only to open a new connection for the leased endpoint. */
public final class ConnectEndpointAdvice {
    private ConnectEndpointAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object pool, @Advice.Argument(0) Object endpoint,
                     @Advice.Thrown Throwable failure) {
        Bridge.routeConnected(pool, endpoint, failure);
    }
}
