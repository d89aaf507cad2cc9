package dev.portguard.core.headroom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PortHeadroomProbeTest {
    static Path fixture(String name) {
        try {
            return Path.of(PortHeadroomProbeTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reads_every_source_of_a_fixture_host() throws IOException {
        HostPorts host = PortHeadroomProbe.ofRoot(fixture("proc-basic")).read();

        assertThat(host.available()).isTrue();
        assertThat(host.portRange()).isEqualTo(new PortRange(40000, 40049));
        assertThat(host.reservedInRange()).isEqualTo(6); // 40010 and 40020-40024
        assertThat(host.boundInRange()).isEqualTo(2); // the listener on 40030, the bound socket on 40040
        assertThat(host.usablePorts()).isEqualTo(42);
        assertThat(host.timeWait()).isEqualTo(4);
        assertThat(host.established()).isEqualTo(5);
        assertThat(host.socketsByState()).containsEntry("LISTEN", 3).containsEntry("TIME_WAIT", 4)
                .containsEntry("CLOSE_WAIT", 1).containsEntry("SYN_SENT", 1);
        assertThat(host.malformedLines()).isEqualTo(4);
        // 10.0.0.5:443: IPv4 rows (ESTABLISHED, 2 TIME_WAIT, CLOSE_WAIT) plus 2 IPv4-mapped TIME_WAIT rows
        InetAddress api = InetAddress.getByName("10.0.0.5");
        assertThat(host.portsHeld(api, 443)).isEqualTo(6);
        assertThat(host.timeWait(api, 443)).isEqualTo(4);
        assertThat(host.headroom(host.portsHeld(api, 443))).isEqualTo(36);
        assertThat(host.portsHeld(InetAddress.getByName("::1"), 8080)).isEqualTo(2);
        assertThat(host.portsHeld(InetAddress.getByName("2001:db8::1"), 443)).isEqualTo(1);
        assertThat(host.portsHeld(InetAddress.getByName("10.0.0.9"), 51000)).isZero(); // accepted, not ephemeral
        assertThat(host.remotes().get(0).endpoint()).isEqualTo("10.0.0.5:443");

        TimeWaitSettings s = host.timeWaitSettings();
        assertThat(s.twReuse()).isZero();
        assertThat(s.twReuseDelayMs()).isEqualTo(-1);
        assertThat(s.timestamps()).isEqualTo(1);
        assertThat(s.finTimeoutSeconds()).isEqualTo(5);
        assertThat(s.maxTwBuckets()).isEqualTo(4096);
        assertThat(s.timeWaitSeconds()).isEqualTo(60);
        assertThat(host.counters()).isEqualTo(new TimeWaitCounters(120, 7, 3));
        assertThat(host.conntrack()).isEqualTo(Conntrack.UNKNOWN);
        assertThat(host.unknown()).containsKey("conntrack").doesNotContainKey("tcp_tw_reuse_delay");
    }

    @Test
    void an_unreadable_or_malformed_source_is_unknown_with_its_reason_and_the_rest_is_read(@TempDir Path dir)
            throws IOException {
        Path root = ProcFixture.create(dir, 40000, 40049).mappedSocket(40001, 10, 0, 0, 5, 443, 6).done(1);
        Files.writeString(root.resolve("sys/net/ipv4/tcp_tw_reuse"), "yes\n");
        Files.writeString(root.resolve("sys/net/ipv4/ip_local_reserved_ports"), "40010,x\n");
        Files.delete(root.resolve("net/tcp"));

        HostPorts host = PortHeadroomProbe.ofRoot(root).read();

        assertThat(host.available()).isTrue();
        assertThat(host.unknown()).containsEntry("tcp_tw_reuse", "malformed: 'yes'")
                .containsEntry("tcp", "missing").containsKey("ip_local_reserved_ports");
        assertThat(host.timeWaitSettings().twReuse()).isEqualTo(-1);
        assertThat(host.reservedInRange()).isEqualTo(-1);
        assertThat(host.usablePorts()).isEqualTo(-1);
        assertThat(host.portsHeld(InetAddress.getByName("10.0.0.5"), 443)).isEqualTo(1);
    }

    @Test
    void a_malformed_range_leaves_the_range_unknown(@TempDir Path dir) throws IOException {
        Path root = ProcFixture.create(dir, 40000, 40049).done(0);
        Files.writeString(root.resolve("sys/net/ipv4/ip_local_port_range"), "40049 40000\n");
        HostPorts host = PortHeadroomProbe.ofRoot(root).read();
        assertThat(host.portRange()).isNull();
        assertThat(host.unknown()).containsKey("ip_local_port_range");
    }

    @Test
    void a_directory_without_net_is_reported_unavailable(@TempDir Path dir) {
        HostPorts host = PortHeadroomProbe.ofRoot(dir).read();
        assertThat(host.available()).isFalse();
        assertThat(host.unknown().get("host")).contains("missing");
    }

    @Test
    void without_the_socket_scan_only_constant_time_sources_are_read() {
        HostPorts host = PortHeadroomProbe.ofRoot(fixture("proc-basic")).read(false);
        assertThat(host.socketsRead()).isFalse();
        assertThat(host.timeWait()).isEqualTo(4);
        assertThat(host.remotes()).isEmpty();
    }

    @Test
    @SuppressWarnings("try") // the accepted socket only has to stay open while the probe reads
    void on_this_linux_host_a_live_loopback_connection_shows_up_toward_its_server() throws IOException {
        assumeTrue(PortHeadroomProbe.isLinux(), "reads the live /proc, Linux only");
        // Read through a stream: procfs reports size 0 and Files.readString then returns a single byte on JDK 17.
        String rangeText;
        try (java.io.InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            rangeText = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        }
        String[] parts = rangeText.split("\\s+");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
            try (Socket accepted = server.accept()) {
                HostPorts host = PortHeadroomProbe.ofHost().read();
                assertThat(host.available()).isTrue();
                assertThat(host.portRange()).isEqualTo(
                        new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
                boolean inRange = host.portRange().contains(client.getLocalPort());
                assertThat(host.portsHeld(InetAddress.getLoopbackAddress(), server.getLocalPort()))
                        .isEqualTo(inRange ? 1 : 0);
                assertThat(host.established()).isGreaterThanOrEqualTo(2);
            }
        }
    }
}
