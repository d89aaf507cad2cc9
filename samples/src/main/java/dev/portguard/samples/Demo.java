package dev.portguard.samples;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PortGuard;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs OkHttp clients, bad and good, against an embedded loopback server and prints what the server saw beside
 * what PortGuard found. {@code --all} adds every other anti-pattern and its fix; {@code incident [report.json]}
 * replays the incident itself (inside a network namespace: samples/incident.sh) and writes the guard's report and
 * its page there.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("incident")) {
            Path report = args.length > 1 ? Path.of(args[1]) : null;
            System.exit(Incident.run(System.out, report) ? 0 : 1);
        }
        if (!run(args, System.out)) {
            System.exit(1);
        }
    }

    /** Runs the demo; true when every anti-pattern was flagged and no healthy client was. */
    static boolean run(String[] args, PrintStream out) throws Exception {
        boolean all = List.of(args).contains("--all");
        List<Scenario> scenarios = all
                ? List.of(new Scenarios.NewClientPerRequest(), new Scenarios.SharedClient(),
                        new Scenarios.ZeroIdlePool(), new Scenarios.ConnectionClose(),
                        new Scenarios.Concurrency(5), new Scenarios.Concurrency(32))
                : List.of(new Scenarios.NewClientPerRequest(), new Scenarios.SharedClient());
        out.println("PortGuard demo: OkHttp clients calling an API on loopback.");
        out.println("Each outbound connection holds a local port; closed ones keep it 60 s in TIME_WAIT.");
        int flaggedBad = 0;
        int flaggedGood = 0;
        for (Scenario scenario : scenarios) {
            // A fresh server each time: the clients a bad scenario drops keep their idle connections open, and a
            // server that has reached its own idle-connection limit closes every new connection after one
            // response, which would spoil the next scenario.
            try (DemoServer server = new DemoServer()) {
                PortGuard guard = PortGuard.create(GuardConfig.builder().logLevel(System.Logger.Level.OFF).build());
                scenario.run(server, guard);
                GuardSnapshot snapshot = guard.snapshot();
                print(out, scenario, server, snapshot);
                if (!snapshot.findings().isEmpty()) {
                    if (scenario.healthy()) {
                        flaggedGood++;
                    } else {
                        flaggedBad++;
                    }
                }
                if (scenario instanceof Scenarios.NewClientPerRequest) {
                    Path report = Path.of("target", "portguard-demo-report.json");
                    guard.writeReport(report);
                    out.println("  JSON report: " + report.toAbsolutePath());
                }
            }
        }
        long bad = scenarios.stream().filter(s -> !s.healthy()).count();
        out.printf("%nPortGuard flagged %d of %d anti-patterns and %d of %d healthy clients.%n",
                flaggedBad, bad, flaggedGood, scenarios.size() - bad);
        return flaggedBad == bad && flaggedGood == 0;
    }

    private static void print(PrintStream out, Scenario scenario, DemoServer server, GuardSnapshot snapshot) {
        out.printf("%n== %s: %s ==%n", scenario.healthy() ? "GOOD" : "BAD", scenario.title());
        DestinationCounts c = snapshot.destination(server.destination()).orElse(null);
        out.printf("  server saw:    %d requests on %d connections%n", server.requests(), server.connections());
        if (c != null) {
            out.printf("  guard counted: %d requests, %d connections opened, %d reused%n",
                    c.requests(), c.connectionsOpened(), c.connectionsReused());
        }
        if (snapshot.findings().isEmpty()) {
            out.println("  findings:      none");
        }
        for (Finding f : snapshot.findings()) {
            out.println("  FINDING " + f.type() + " toward " + f.destination());
            out.println("    where:  " + f.site());
            out.println("    what:   " + f.message());
            out.println("    fix:    " + f.advice());
        }
    }
}
