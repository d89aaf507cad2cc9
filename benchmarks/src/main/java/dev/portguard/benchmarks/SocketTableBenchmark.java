package dev.portguard.benchmarks;

import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.headroom.PortHeadroomProbe;
import dev.portguard.core.headroom.PortRange;
import dev.portguard.core.internal.procfs.SocketTableParser;
import dev.portguard.core.internal.procfs.SocketTally;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What one probe costs on a busy host: a synthetic {@code /proc/net/tcp6} of 30,000 or 1,000,000 sockets
 * (IPv4-mapped, as a Java client's connections are; 90% TIME_WAIT) toward 300 destinations, parsed from memory, from a file, and as
 * a whole probe reading. A readLine/split/HashMap parse of the same bytes is the yardstick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SocketTableBenchmark {
    static final PortRange RANGE = new PortRange(32768, 60999);

    /** Rows in the table: a busy host, and a proxy or a node seen with host networking. */
    @Param({"30000", "1000000"})
    public int sockets;

    private byte[] table;
    private Path root;
    private PortHeadroomProbe probe;
    private final SocketTableParser parser = new SocketTableParser();

    @Setup(Level.Trial)
    public void writeTable() throws IOException {
        StringBuilder sb = new StringBuilder(sockets * 160);
        sb.append("  sl  local_address                         remote_address                        st tx_queue"
                + " rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        for (int i = 0; i < sockets; i++) {
            int destination = i % 300;
            int localPort = RANGE.low() + (i / 300) % RANGE.size(); // each (destination, port) pair once
            int state = i % 10 == 0 ? 0x01 : 0x06;
            sb.append(String.format("%6d: 0000000000000000FFFF00000100007F:%04X 0000000000000000FFFF0000%02X%02X000A:%04X"
                            + " %02X 00000000:00000000 03:00000D2A 00000000     0        0 0 3 0000000000000000\n",
                    i % 1_000_000, localPort, destination % 256, destination / 256, 8000 + destination, state));
        }
        table = sb.toString().getBytes(StandardCharsets.US_ASCII);
        root = Files.createTempDirectory("portguard-bench");
        Files.createDirectories(root.resolve("net"));
        Files.createDirectories(root.resolve("sys/net/ipv4"));
        Files.write(root.resolve("net/tcp6"), table);
        Files.writeString(root.resolve("net/tcp"), "  sl  local_address rem_address   st\n");
        Files.writeString(root.resolve("net/sockstat"), "TCP: inuse 3000 orphan 0 tw 27000 alloc 3000 mem 1\n");
        Files.writeString(root.resolve("net/netstat"), "TcpExt: TW TWRecycled TCPTimeWaitOverflow\nTcpExt: 0 0 0\n");
        Files.writeString(root.resolve("sys/net/ipv4/ip_local_port_range"), RANGE.low() + "\t" + RANGE.high() + "\n");
        Files.writeString(root.resolve("sys/net/ipv4/ip_local_reserved_ports"), "\n");
        for (String name : new String[] {"tcp_tw_reuse", "tcp_timestamps", "tcp_fin_timeout", "tcp_max_tw_buckets"}) {
            Files.writeString(root.resolve("sys/net/ipv4/" + name), "1\n");
        }
        probe = PortHeadroomProbe.ofRoot(root);
    }

    @TearDown(Level.Trial)
    public void deleteTable() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The parser alone, from bytes in memory. */
    @Benchmark
    public int parseFromMemory() throws IOException {
        SocketTally tally = new SocketTally(RANGE, PortHeadroomProbe.DEFAULT_MAX_REMOTES);
        parser.parse(new ByteArrayInputStream(table), tally);
        return tally.inState(0x06) + tally.remotes().size();
    }

    /** The parser reading the file (from the page cache). */
    @Benchmark
    public int parseFromFile() throws IOException {
        SocketTally tally = new SocketTally(RANGE, PortHeadroomProbe.DEFAULT_MAX_REMOTES);
        try (InputStream in = Files.newInputStream(root.resolve("net/tcp6"))) {
            parser.parse(in, tally);
        }
        return tally.inState(0x06) + tally.remotes().size();
    }

    /** A whole probe reading: sysctls, sockstat, netstat, both tables. */
    @Benchmark
    public int wholeProbe() {
        HostPorts host = probe.read();
        return host.remotes().size();
    }

    /** The yardstick: readLine, split and a HashMap keyed by the remote address text. */
    @Benchmark
    public int readLineSplitHashMap() throws IOException {
        Map<String, Integer> held = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(table),
                StandardCharsets.US_ASCII))) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                String[] parts = line.trim().split("\\s+");
                int localPort = Integer.parseInt(parts[1].substring(parts[1].indexOf(':') + 1), 16);
                if (RANGE.contains(localPort) && !parts[3].equals("0A")) {
                    held.merge(parts[2], 1, Integer::sum);
                }
            }
        }
        return held.size();
    }
}
