package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** {@code HttpClient.closeServer()}: the connection's socket is closed. */
public final class UrlCloseServerAdvice {
    private UrlCloseServerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object connection) {
        Bridge.urlConnectionClosed(connection);
    }
}
