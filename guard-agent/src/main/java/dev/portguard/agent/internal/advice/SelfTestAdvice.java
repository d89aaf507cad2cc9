package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Instruments the agent's own probe: if the probe reports, instrumentation works in this JVM. */
public final class SelfTestAdvice {
    private SelfTestAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit() {
        Bridge.selfTestPassed();
    }
}
