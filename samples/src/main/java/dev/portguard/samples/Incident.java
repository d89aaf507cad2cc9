package dev.portguard.samples;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.okhttp.OkHttpGuard;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The incident itself, in a network namespace with a small port range (run it through samples/incident.sh, which
 * makes the namespace): a service that builds an OkHttpClient per request runs its node out of local ports toward
 * one API. PortGuard warns before the first failure, explains the failure in the exception the service catches,
 * and shows that another destination is unaffected, which is why "the node went bad" for one API only.
 */
final class Incident {
    private static final int MAX_REQUESTS = 500;

    private Incident() {
    }

    /** Runs the incident; when {@code report} is given, writes the guard's report there and its page beside it. */
    static boolean run(PrintStream out, Path report) throws Exception {
        PortGuard guard = PortGuard.global();
        try (DemoServer api = new DemoServer(); DemoServer other = new DemoServer()) {
            out.println("The incident: a new OkHttpClient per request, until the local ports toward one API run out.");
            List<OkHttpClient> leaked = new ArrayList<>(); // their pools keep each connection open for 5 minutes
            boolean warned = false;
            IOException failure = null;
            int requests = 0;
            while (requests < MAX_REQUESTS && failure == null) {
                OkHttpClient client = OkHttpGuard.instrument(new OkHttpClient.Builder()).build();
                leaked.add(client);
                try {
                    Scenario.get(client, api.url("/prices/" + requests));
                    requests++;
                } catch (IOException e) {
                    failure = e;
                }
                if (!warned && requests % 5 == 0) {
                    guard.testing().refreshHeadroom(); // the probe thread does this every 10 s; the demo is faster than that
                    warned = !guard.snapshot().findings(FindingType.PORT_HEADROOM_LOW).isEmpty();
                    if (warned) {
                        out.printf("%nAfter %d requests PortGuard warns, before anything has failed:%n", requests);
                        printFindings(out, guard, FindingType.PORT_HEADROOM_LOW);
                    }
                }
            }
            if (failure == null) {
                out.println("No connect failed after " + requests + " requests: run this inside a namespace with a"
                        + " small port range (samples/incident.sh).");
                return false;
            }
            out.printf("%nRequest %d failed, as it does in the incident:%n  %s: %s%n", requests + 1,
                    failure.getClass().getName(), failure.getMessage());
            for (Throwable s : failure.getSuppressed()) {
                out.println("  and PortGuard says why, attached to that same exception:");
                out.println("  " + s.getMessage());
            }
            guard.testing().refreshHeadroom();
            DestinationHeadroom h = guard.snapshot().headroom().destination(api.destination()).orElse(null);
            if (h != null) {
                out.printf("%nPorts held toward %s: %d of %d usable; headroom %d.%n", api.destination(),
                        h.portsHeld(), h.usablePorts(), h.headroom());
            }
            OkHttpClient shared = OkHttpGuard.instrument(new OkHttpClient.Builder()).build();
            Scenario.get(shared, other.url("/health"));
            out.printf("%nMeanwhile %s, another destination on the same host, still works: exhaustion is per"
                    + " destination.%n", other.destination());
            DestinationCounts c = guard.snapshot().destination(api.destination()).orElseThrow();
            out.printf("%nThe cause, as PortGuard found it (%d requests, %d connections opened):%n", c.requests(),
                    c.connectionsOpened());
            printFindings(out, guard, FindingType.NEW_CLIENT_PER_REQUEST);
            out.println("\nRestarting the pod frees the ports for a while; sharing one client fixes it (see the demo's"
                    + " GOOD run).");
            boolean diagnosed = failure.getSuppressed().length > 0;
            if (report != null) {
                guard.testing().refreshHeadroom(); // the ports held at the end, in the report and its last sample
                guard.writeReport(report);
                out.println("\nThe guard's report: " + report.toAbsolutePath() + ", and beside it the page a person"
                        + " reads (report.html for report.json).");
            }
            return warned && diagnosed;
        }
    }

    private static void printFindings(PrintStream out, PortGuard guard, FindingType type) {
        for (Finding f : guard.snapshot().findings(type)) {
            out.println("  FINDING " + f.type() + " toward " + f.destination());
            out.println("    where:  " + f.site());
            out.println("    what:   " + f.message());
            out.println("    fix:    " + f.advice());
        }
    }
}
