package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Apache 5.x {@code lease(id, route, ...)}: a request takes a connection to the route. */
public final class LeaseRouteAdvice {
    private LeaseRouteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool, @Advice.Argument(1) Object route) {
        Bridge.routeLeased(pool, route);
    }
}
