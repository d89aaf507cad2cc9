package dev.portguard.benchmarks;

import dev.portguard.core.headroom.PortHeadroomProbe;
import dev.portguard.core.node.NodeProbe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Times the guard's readings of the real host it runs on, for benchmarks/run.sh, which runs it inside a network
 * namespace it filled with sockets or conntrack entries and times {@code ss} and {@code conntrack -L} over the same
 * tables. Prints one JSON object: each timed reading, in microseconds, after a few untimed ones.
 *
 * <pre>{@code java -cp benchmarks.jar dev.portguard.benchmarks.ProbeTiming <full|healthy|node> <runs>}</pre>
 * {@code full}: the headroom probe with the socket tables scanned; {@code healthy}: the probe of a healthy host
 * (sockstat and counters only); {@code node}: node mode's reading of the conntrack table (no tools, no counter wait).
 */
public final class ProbeTiming {
    private ProbeTiming() {
    }

    public static void main(String[] args) {
        String what = args[0];
        int runs = Integer.parseInt(args[1]);
        PortHeadroomProbe probe = PortHeadroomProbe.ofHost();
        NodeProbe node = new NodeProbe(Path.of("/proc"), false, new int[] {32768, 60999}, 0);
        Runnable reading = switch (what) {
            case "full" -> () -> check(probe.read(true));
            case "healthy" -> () -> check(probe.read(false));
            case "node" -> () -> check(node.read());
            default -> throw new IllegalArgumentException("full, healthy or node: " + what);
        };
        for (int i = 0; i < Math.max(3, runs / 5); i++) {
            reading.run(); // class loading and JIT out of the timed runs, as in a long-lived probe thread
        }
        List<Double> micros = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            reading.run();
            micros.add((System.nanoTime() - start) / 1_000.0);
        }
        StringJoiner samples = new StringJoiner(", ", "[", "]");
        micros.forEach(m -> samples.add(String.format(java.util.Locale.ROOT, "%.1f", m)));
        System.out.println("{\"what\": \"" + what + "\", \"micros\": " + samples + ", \"last\": \"" + last + "\"}");
    }

    private static String last = "";

    /** Keeps the reading's summary so the work cannot be optimised away, and shows what was read. */
    private static void check(Object reading) {
        if (reading == null) {
            throw new IllegalStateException("no reading");
        }
        last = summary(reading.toString());
    }

    private static String summary(String text) {
        String flat = text.replace('"', '\'').replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) : flat;
    }
}
