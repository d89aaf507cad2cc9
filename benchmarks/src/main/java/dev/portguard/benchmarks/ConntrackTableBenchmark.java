package dev.portguard.benchmarks;

import dev.portguard.core.internal.procfs.ConntrackParser;
import dev.portguard.core.internal.procfs.ConntrackTally;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What node mode's parse costs on a busy node: a synthetic {@code /proc/net/nf_conntrack} of 100,000 entries (500
 * pods, 200 destinations, every entry SNAT'ed to one node address, a third in TIME_WAIT), parsed from memory into
 * the bounded tally. A readLine/split/HashMap parse of the same bytes, keyed the same way, is the yardstick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConntrackTableBenchmark {
    static final int ENTRIES = 100_000;

    private byte[] table;
    private final ConntrackParser parser = new ConntrackParser();

    @Setup(Level.Trial)
    public void writeTable() {
        StringBuilder sb = new StringBuilder(ENTRIES * 200);
        for (int i = 0; i < ENTRIES; i++) {
            int pod = i % 500;
            int destination = i % 200;
            boolean timeWait = i % 3 == 0;
            sb.append("ipv4     2 tcp      6 ").append(timeWait ? "117 TIME_WAIT" : "86399 ESTABLISHED")
                    .append(" src=10.244.").append(pod / 250).append('.').append(pod % 250 + 2)
                    .append(" dst=203.0.113.").append(destination % 250).append(" sport=").append(32768 + i % 28000)
                    .append(" dport=").append(443 + destination / 250)
                    .append(" src=203.0.113.").append(destination % 250).append(" dst=192.0.2.1 sport=")
                    .append(443 + destination / 250).append(" dport=").append(1024 + i % 64000)
                    .append(" [ASSURED] mark=0 zone=0 use=2\n");
        }
        table = sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public ConntrackTally parse() throws IOException {
        ConntrackTally tally = ConntrackTally.bounded();
        parser.parse(new ByteArrayInputStream(table), tally);
        return tally;
    }

    /** The yardstick: a String per line, split, and a map keyed by text. */
    @Benchmark
    public Map<String, long[]> readLineSplit() throws IOException {
        Map<String, long[]> byFlow = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(table),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                String src = null;
                String dst = null;
                String dport = null;
                String natDst = null;
                for (String field : f) {
                    if (field.startsWith("src=") && src == null) {
                        src = field.substring(4);
                    } else if (field.startsWith("dst=")) {
                        if (dst == null) {
                            dst = field.substring(4);
                        } else {
                            natDst = field.substring(4);
                        }
                    } else if (field.startsWith("dport=") && dport == null) {
                        dport = field.substring(6);
                    }
                }
                byFlow.computeIfAbsent(src + ">" + dst + ":" + dport + "@" + natDst, k -> new long[1])[0]++;
            }
        }
        return byFlow;
    }
}
