package dev.portguard.core.internal.procfs;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The conntrack lines of a lab node (conntrack/nf_conntrack): SNAT'ed pods, plain traffic, IPv6, a zone, junk. */
class ConntrackParserTest {
    private static ConntrackTally fixture() throws Exception {
        ConntrackTally tally = ConntrackTally.bounded();
        try (InputStream in = ConntrackParserTest.class.getResourceAsStream("/conntrack/nf_conntrack")) {
            new ConntrackParser().parse(in, tally);
        }
        return tally;
    }

    @Test
    void pods_snat_ports_are_counted_per_node_address_and_destination() throws Exception {
        ConntrackTally t = fixture();
        List<ConntrackTally.Snat> snat = t.snat().stream()
                .filter(s -> s.zone() == 0 && s.destination().equals("192.0.2.10") && s.port() == 8080
                        && s.proto() == 6).toList();
        assertThat(snat).hasSize(1);
        ConntrackTally.Snat s = snat.get(0);
        assertThat(s.natAddress()).isEqualTo("192.0.2.1");
        assertThat(s.portsInUse()).isEqualTo(6); // 40001-40005 and 40010 (the last line, without a newline)
        assertThat(s.lowestPort()).isEqualTo(40001);
        assertThat(s.highestPort()).isEqualTo(40010);
        assertThat(s.timeWait()).isEqualTo(3);
        assertThat(s.timeWaitLongestLeft()).isEqualTo(119);

        List<ConntrackTally.Flow> flows = t.flows().stream().filter(f -> f.destination().equals("192.0.2.10")
                && f.port() == 8080 && f.zone() == 0).sorted(Comparator.comparing(ConntrackTally.Flow::source))
                .toList();
        assertThat(flows).extracting(ConntrackTally.Flow::source).containsExactly("10.244.0.2", "10.244.1.2");
        assertThat(flows.get(0).nattedEntries()).isEqualTo(4);
        assertThat(flows.get(1).nattedEntries()).isEqualTo(2);
    }

    @Test
    void traffic_without_snat_holds_no_snat_port() throws Exception {
        ConntrackTally t = fixture();
        // the node's own ssh and the pod's DNS through a service keep their source
        assertThat(t.snat()).noneMatch(s -> s.port() == 22 || s.port() == 53);
        assertThat(t.flows()).anyMatch(f -> f.port() == 22 && f.nattedEntries() == 0 && f.entries() == 1);
    }

    @Test
    void a_zone_is_its_own_table_and_ipv6_is_read_in_full_and_printed_short() throws Exception {
        ConntrackTally t = fixture();
        assertThat(t.zonedEntries()).isEqualTo(1);
        assertThat(t.snat()).anyMatch(s -> s.zone() == 7 && s.portsInUse() == 1);
        assertThat(t.ipv6Entries()).isEqualTo(1);
        assertThat(t.snat()).anyMatch(s -> s.natAddress().equals("2001:db8::1")
                && s.destination().equals("2001:db8::10") && s.port() == 443 && s.portsInUse() == 1);
        assertThat(t.flows()).anyMatch(f -> f.source().equals("fd00::2"));
    }

    @Test
    void states_are_mixed_by_name_and_other_protocols_apart() throws Exception {
        long[] states = fixture().states();
        assertThat(states[ConntrackTally.ESTABLISHED]).isEqualTo(5);
        assertThat(states[ConntrackTally.TIME_WAIT]).isEqualTo(3);
        assertThat(states[ConntrackTally.STATES.indexOf("SYN_SENT")]).isEqualTo(1);
        assertThat(states[ConntrackTally.OTHER]).isEqualTo(2); // udp and icmp
    }

    @Test
    void malformed_lines_are_counted_with_reasons_and_never_stop_the_rest() throws Exception {
        ConntrackTally t = fixture();
        assertThat(t.malformedLines()).isEqualTo(6);
        assertThat(t.entries()).isEqualTo(11);
        assertThat(t.malformedSamples()).hasSize(3);
        assertThat(t.malformedSamples().get(0)).contains("too few fields");
        assertThat(t.malformedSamples().get(1)).contains("bad address").contains("10.244.0.999");
        assertThat(t.malformedSamples().get(2)).contains("not two tuples");
    }

    @Test
    void a_huge_table_stays_within_the_key_caps_and_keeps_its_totals() throws Exception {
        StringBuilder sb = new StringBuilder();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            // 5,000 pods, each with 20 connections through one node address
            sb.append("ipv4 2 tcp 6 100 ESTABLISHED src=10.").append(i / 5000 % 250).append('.').append(i / 20 % 250)
                    .append('.').append(i / 20 / 250 % 250 + 1).append(" dst=192.0.2.10 sport=").append(30000 + i % 20)
                    .append(" dport=443 src=192.0.2.10 dst=192.0.2.1 sport=443 dport=").append(1024 + i % 60000)
                    .append(" [ASSURED] mark=0 use=1\n");
        }
        sb.append("x".repeat(70_000)).append('\n'); // one line longer than the buffer
        ConntrackTally t = new ConntrackTally(1000, 8);
        new ConntrackParser().parse(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.US_ASCII)), t);
        assertThat(t.entries()).isEqualTo(n);
        assertThat(t.flows()).hasSize(1000);
        assertThat(t.overflowEntries()).isEqualTo(n - 1000 * 20L);
        assertThat(t.snat()).hasSize(1);
        assertThat(t.snat().get(0).portsInUse()).isEqualTo(60000);
        assertThat(t.malformedLines()).isEqualTo(1);
        assertThat(t.malformedSamples().get(0)).contains("longer than");
    }

    @Test
    void addresses_round_trip() {
        long[] out = new long[2];
        byte[] v6 = "2001:db8::a:0:0:1".getBytes(StandardCharsets.US_ASCII);
        assertThat(IpText.parse(v6, 0, v6.length, out)).isTrue();
        assertThat(IpText.format(out[0], out[1])).isEqualTo("2001:db8::a:0:0:1");
        byte[] v4 = "203.0.113.255".getBytes(StandardCharsets.US_ASCII);
        assertThat(IpText.parse(v4, 0, v4.length, out)).isTrue();
        assertThat(IpText.format(out[0], out[1])).isEqualTo("203.0.113.255");
        for (String bad : List.of("1.2.3", "1.2.3.4.5", "256.1.1.1", "1::2::3", "12345::", "a.b.c.d", ":1")) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertThat(IpText.parse(b, 0, b.length, out)).as(bad).isFalse();
        }
    }
}
