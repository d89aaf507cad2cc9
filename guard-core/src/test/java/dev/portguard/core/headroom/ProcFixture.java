package dev.portguard.core.headroom;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a directory laid out like /proc (the files the probe reads), for tests that need a host in a given state:
 * the range, and sockets written as the kernel prints them.
 */
public final class ProcFixture {
    private final Path root;
    private final Writer tcp6;
    private int slot;

    private ProcFixture(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("net"));
        Files.createDirectories(root.resolve("sys/net/ipv4"));
        Files.writeString(root.resolve("net/tcp"), "  sl  local_address rem_address   st tx_queue rx_queue tr"
                + " tm->when retrnsmt   uid  timeout inode\n");
        this.tcp6 = Files.newBufferedWriter(root.resolve("net/tcp6"), StandardCharsets.US_ASCII);
        tcp6.write("  sl  local_address                         remote_address                        st tx_queue"
                + " rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
    }

    /** A host with range {@code low-high}, no reserved port, tw reuse off. */
    public static ProcFixture create(Path root, int low, int high) throws IOException {
        ProcFixture f = new ProcFixture(root);
        f.sysctl("ip_local_port_range", low + "\t" + high);
        f.sysctl("ip_local_reserved_ports", "");
        f.sysctl("tcp_tw_reuse", "0");
        f.sysctl("tcp_timestamps", "1");
        f.sysctl("tcp_fin_timeout", "60");
        f.sysctl("tcp_max_tw_buckets", "262144");
        Files.writeString(root.resolve("net/netstat"), "TcpExt: TW TWRecycled TCPTimeWaitOverflow\nTcpExt: 0 0 0\n");
        return f;
    }

    public ProcFixture sysctl(String name, String value) throws IOException {
        Files.writeString(root.resolve("sys/net/ipv4/" + name), value + "\n");
        return this;
    }

    /** One IPv4-mapped socket from {@code localPort} toward {@code a.b.c.d:remotePort} in {@code state}. */
    public ProcFixture mappedSocket(int localPort, int a, int b, int c, int d, int remotePort, int state)
            throws IOException {
        String local = "0000000000000000FFFF00000100007F";
        String remote = String.format("0000000000000000FFFF0000%02X%02X%02X%02X", d, c, b, a);
        tcp6.write(String.format("%4d: %s:%04X %s:%04X %02X 00000000:00000000 03:00000D2A 00000000     0        0"
                + " 0 3 0000000000000000\n", slot++, local, localPort, remote, remotePort, state));
        return this;
    }

    /** Finishes the files (sockstat's tw is the number given); returns the root to read. */
    public Path done(int timeWait) throws IOException {
        tcp6.close();
        Files.writeString(root.resolve("net/sockstat"), "sockets: used 1\nTCP: inuse 0 orphan 0 tw " + timeWait
                + " alloc 0 mem 0\n");
        return root;
    }
}
