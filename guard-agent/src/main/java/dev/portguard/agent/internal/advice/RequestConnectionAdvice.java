package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Apache 4.x {@code requestConnection(route, state)}: a request takes a connection to the route. */
public final class RequestConnectionAdvice {
    private RequestConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool, @Advice.Argument(0) Object route) {
        Bridge.routeLeased(pool, route);
    }
}
