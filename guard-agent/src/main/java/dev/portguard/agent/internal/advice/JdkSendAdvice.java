package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** The JDK HttpClient's one internal {@code sendAsync}, behind {@code send} and both public {@code sendAsync}s. */
public final class JdkSendAdvice {
    private JdkSendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object client, @Advice.Argument(0) Object request) {
        return Bridge.jdkRequestStarting(client, request);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.Return Object response, @Advice.Thrown Throwable failure) {
        Bridge.jdkRequestSent(token, response, failure);
    }
}
