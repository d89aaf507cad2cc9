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

    /**
     * Waits until no request holds a connection. The async client hands a connection back just after the response
     * completes, so the last release may still be on its way when the caller has its answer.
     */
    static void awaitIdle(PortGuard guard) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (guard.snapshot().pools().stream().anyMatch(p -> p.inUse() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    static DestinationCounts counts(PortGuard guard, String destination) {
        return guard.snapshot().destination(destination)
                .orElseThrow(() -> new AssertionError("the guard saw nothing toward " + destination));
    }
}
