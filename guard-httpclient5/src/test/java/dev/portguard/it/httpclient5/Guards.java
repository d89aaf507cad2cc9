package dev.portguard.it.httpclient5;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;

import java.lang.System.Logger.Level;

/** Test guards: one per test, quiet, with the default detection thresholds. */
final class Guards {
    private Guards() {
    }

    static PortGuard quiet() {
        return PortGuard.create(GuardConfig.builder().logLevel(Level.OFF).build());
    }

    static DestinationCounts counts(PortGuard guard, String destination) {
        return guard.snapshot().destination(destination)
                .orElseThrow(() -> new AssertionError("the guard saw nothing toward " + destination));
    }
}
