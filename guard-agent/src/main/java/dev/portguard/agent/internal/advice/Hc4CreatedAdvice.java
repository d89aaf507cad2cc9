package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** A httpclient4 pool's constructor: register the pool, with the code that created it as its site. */
public final class Hc4CreatedAdvice {
    private Hc4CreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object pool) {
        Bridge.poolCreated(pool, "httpclient4");
    }
}
