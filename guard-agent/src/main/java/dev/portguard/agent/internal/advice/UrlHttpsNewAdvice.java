package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** {@code HttpsClient.New(sslSocketFactory, url, ...)}: the HTTPS variant; the URL is the second argument. */
public final class UrlHttpsNewAdvice {
    private UrlHttpsNewAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(1) Object url, @Advice.Return Object connection) {
        Bridge.urlConnectionAcquired(url, connection);
    }
}
