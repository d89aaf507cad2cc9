package dev.portguard.agent.internal.advice;

import dev.portguard.agent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** {@code Socket.connect(address, timeout)} and {@code SocketChannelImpl.connect(address)} failed: any client. */
public final class SocketConnectAdvice {
    private SocketConnectAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Argument(0) Object address, @Advice.Thrown Throwable failure) {
        if (failure != null) {
            Bridge.socketConnectFailed(address, failure);
        }
    }
}
