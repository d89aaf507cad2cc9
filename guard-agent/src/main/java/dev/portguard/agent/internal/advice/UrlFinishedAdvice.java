package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** {@code HttpClient.finished()}: the response was read; the connection goes to the keep-alive cache or closes. */
public final class UrlFinishedAdvice {
    private UrlFinishedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object connection) {
        Bridge.urlConnectionReleased(connection, false);
    }
}
