package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** {@code HttpClient.New(url, proxy, timeout, useCache, connection)}: a connection, cached or new, for a request. */
public final class UrlNewAdvice {
    private UrlNewAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Object url, @Advice.Return Object connection) {
        Bridge.urlConnectionAcquired(url, connection);
    }
}
