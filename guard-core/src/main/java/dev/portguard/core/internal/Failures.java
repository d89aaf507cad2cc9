package dev.portguard.core.internal;

import dev.portguard.core.spi.ConnectFailures;

/** Reads what a connect failure means; the rule itself is {@link ConnectFailures}, shared with the agent. */
final class Failures {
    private Failures() {
    }

    static boolean isAddressUnavailable(Throwable failure) {
        return ConnectFailures.isAddressUnavailable(failure);
    }

    static boolean isConnectTimeout(Throwable failure) {
        return ConnectFailures.isConnectTimeout(failure);
    }
}
