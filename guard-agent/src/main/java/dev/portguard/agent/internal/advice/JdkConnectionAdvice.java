package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** {@code PlainHttpConnection(address, client, ...)}: the JDK HttpClient opens a new TCP connection. */
public final class JdkConnectionAdvice {
    private JdkConnectionAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Object address, @Advice.Argument(1) Object client) {
        Bridge.jdkConnectionOpening(client, address);
    }
}
