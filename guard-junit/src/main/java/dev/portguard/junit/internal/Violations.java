package dev.portguard.junit.internal;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PoolCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a test's snapshot into the failure a developer reads: what, where, the counts, and the fix. */
public final class Violations {
    private Violations() {
    }

    public static Optional<AssertionError> check(GuardSnapshot snapshot, Expectations expectations) {
        List<String> problems = new ArrayList<>();
        for (Finding f : snapshot.findings()) {
            // Only what strict mode would throw on (the types the detection corpus shows precise), and leaks: counted
            // exactly, found off the request path, so strict mode has no call of theirs to throw into.
            if ((f.type().failsInStrictMode() || f.type() == FindingType.CONNECTION_LEAK)
                    && !expectations.allowed.contains(f.type())) {
                problems.add(describe(f));
            }
        }
        if (expectations.maxConnectionsPerRequest >= 0) {
            for (DestinationCounts d : snapshot.destinations()) {
                if (d.requests() > 0
                        && (double) d.connectionsOpened() / d.requests() > expectations.maxConnectionsPerRequest) {
                    problems.add(overLimit(d, expectations.maxConnectionsPerRequest, snapshot));
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("PortGuard found HTTP connection pool misuse in this test:");
        for (String p : problems) {
            message.append("\n\n").append(p);
        }
        AssertionError error = new AssertionError(message.toString());
        error.setStackTrace(new StackTraceElement[0]); // the site in the message is where to look, not our frames
        return Optional.of(error);
    }

    private static String describe(Finding f) {
        if (f.type() == FindingType.CONNECTION_LEAK) {
            return f.type() + " toward " + f.destination() + ": " + f.evidenceLong("connectionsOutstanding")
                    + " connection(s) taken in this test were never given back\n  at " + f.site()
                    + "\n  " + f.message()
                    + "\n  Fix: " + f.advice();
        }
        long requests = f.evidenceLong("requests");
        long opened = f.evidenceLong("connectionsOpened");
        return f.type() + " toward " + f.destination() + ": " + requests + " requests opened " + opened
                + " connections\n  at " + f.site()
                + "\n  " + f.message()
                + "\n  Fix: " + f.advice();
    }

    private static String overLimit(DestinationCounts d, double max, GuardSnapshot snapshot) {
        String sites = snapshot.pools().stream()
                .filter(p -> p.connectionsOpened() > 0)
                .sorted((a, b) -> Long.compare(b.connectionsOpened(), a.connectionsOpened()))
                .map(PoolCounts::site)
                .distinct()
                .limit(3)
                .reduce((a, b) -> a + ", " + b)
                .orElse("unknown");
        return "Expected at most " + max + " connections opened per request toward " + d.destination() + ", but "
                + d.requests() + " requests opened " + d.connectionsOpened() + " connections ("
                + Math.round(100.0 * d.connectionsOpened() / d.requests()) + "%)"
                + "\n  at " + sites
                + "\n  Fix: share one client per destination and keep its connections alive, so requests reuse"
                + " pooled connections.";
    }
}
