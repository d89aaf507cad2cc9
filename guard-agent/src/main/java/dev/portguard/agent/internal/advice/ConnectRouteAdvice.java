package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Apache 4.x {@code connect(connection, route, timeout, context)}: opens a new connection to the route. */
public final class ConnectRouteAdvice {
    private ConnectRouteAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object pool, @Advice.Argument(1) Object route, @Advice.Thrown Throwable failure) {
        Bridge.routeConnected(pool, route, failure);
    }
}
