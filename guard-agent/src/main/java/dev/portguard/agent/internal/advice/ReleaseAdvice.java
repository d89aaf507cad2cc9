package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Apache {@code release(endpoint, ...)} / {@code releaseConnection(connection, ...)}, before the pool detaches it. */
public final class ReleaseAdvice {
    private ReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool, @Advice.Argument(0) Object endpoint) {
        Bridge.endpointReleased(pool, endpoint);
    }
}
