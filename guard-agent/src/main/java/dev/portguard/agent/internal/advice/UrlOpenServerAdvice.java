package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** {@code sun.net.www.http.HttpClient.openServer()} returned: HttpURLConnection connected a new socket. */
public final class UrlOpenServerAdvice {
    private UrlOpenServerAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit() {
        Bridge.urlConnectionOpened();
    }
}
