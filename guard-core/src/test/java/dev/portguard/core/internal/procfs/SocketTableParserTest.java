package dev.portguard.core.internal.procfs;

import dev.portguard.core.headroom.PortRange;
import dev.portguard.core.headroom.RemotePorts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SocketTableParserTest {
    private static final PortRange RANGE = new PortRange(40000, 40049);
    private static final String TW_TAIL = " 00000000:00000000 03:00000D2A 00000000     0        0 0 3 0000000000000000";

    private static SocketTally parse(String table) throws IOException {
        SocketTally tally = new SocketTally(RANGE, 4096);
        new SocketTableParser().parse(new ByteArrayInputStream(table.getBytes(StandardCharsets.US_ASCII)), tally);
        return tally;
    }

    @Test
    void ipv4_addresses_are_read_byte_reversed_and_ports_as_plain_hex() throws IOException {
        SocketTally t = parse("  sl  local_address rem_address   st\n"
                + "   0: 0100007F:9C40 0500000A:01BB 01" + TW_TAIL + "\n");
        assertThat(t.remotes()).containsExactly(
                new RemotePorts(InetAddress.getByName("10.0.0.5"), 443, 1, 0));
        assertThat(t.inState(0x01)).isEqualTo(1);
    }

    @Test
    void ipv6_and_ipv4_mapped_rows_are_told_apart_and_mapped_ones_count_as_ipv4() throws IOException {
        SocketTally t = parse(
                "   0: 00000000000000000000000001000000:9C40 00000000000000000000000001000000:1F90 01" + TW_TAIL + "\n"
                + "   1: 0000000000000000FFFF00000100007F:9C41 0000000000000000FFFF00000500000A:01BB 06" + TW_TAIL
                + "\n   2: 0100007F:9C42 0500000A:01BB 06" + TW_TAIL + "\n");
        assertThat(t.remotes()).containsExactly(
                new RemotePorts(InetAddress.getByName("10.0.0.5"), 443, 2, 2),
                new RemotePorts(InetAddress.getByName("::1"), 8080, 1, 0));
        assertThat(t.remotes().get(0).endpoint()).isEqualTo("10.0.0.5:443");
    }

    @Test
    void listeners_inside_the_range_own_their_port_and_their_accepted_sockets_take_none() throws IOException {
        SocketTally t = parse("   0: 00000000:9C5E 00000000:0000 0A" + TW_TAIL + "\n"
                + "   1: 0100007F:9C5E 0900000A:C738 01" + TW_TAIL + "\n"
                + "   2: 0100007F:9C41 0500000A:01BB 01" + TW_TAIL + "\n");
        assertThat(t.boundInRange().cardinality()).isEqualTo(1);
        assertThat(t.boundInRange().get(40030 - 40000)).isTrue();
        assertThat(t.remotes()).extracting(RemotePorts::endpoint).containsExactly("10.0.0.5:443");
    }

    @Test
    void sockets_outside_the_range_are_counted_by_state_but_hold_no_ephemeral_port() throws IOException {
        SocketTally t = parse("   0: 0100007F:80E8 0500000A:01BB 01" + TW_TAIL + "\n");
        assertThat(t.inState(0x01)).isEqualTo(1);
        assertThat(t.remotes()).isEmpty();
    }

    @Test
    void malformed_and_truncated_lines_are_skipped_and_counted() throws IOException {
        SocketTally t = parse("   0: 0100007F:9C4Z 0500000A:01BB 01\n"
                + "   1: 0100007F:9C44 0500000A:01\n"
                + "garbage\n"
                + "   2: 0100007:9C44 0500000A:01BB 01\n"
                + "   3: 0100007F:9C41 0500000A:01BB 01" + TW_TAIL + "\n"
                + "   4: 0100007F:9C42 0500000A:01BB 0");
        assertThat(t.malformedLines()).isEqualTo(5);
        assertThat(t.remotes()).containsExactly(new RemotePorts(InetAddress.getByName("10.0.0.5"), 443, 1, 0));
    }

    @Test
    void a_line_longer_than_the_buffer_is_one_malformed_line_and_the_rest_is_read() throws IOException {
        String huge = "   0: " + "A".repeat(200_000);
        SocketTally t = parse(huge + "\n   1: 0100007F:9C41 0500000A:01BB 06" + TW_TAIL + "\n");
        assertThat(t.malformedLines()).isEqualTo(1);
        assertThat(t.remotes()).containsExactly(new RemotePorts(InetAddress.getByName("10.0.0.5"), 443, 1, 1));
    }

    @Test
    void a_hundred_thousand_rows_across_many_buffers_add_up() throws IOException {
        StringBuilder sb = new StringBuilder(16 * 1024 * 1024);
        sb.append("  sl  local_address                         remote_address                        st\n");
        int rows = 100_000;
        for (int i = 0; i < rows; i++) {
            int remote = i / 50; // 2,000 endpoints, 50 ports each
            sb.append(String.format("%6d: 0000000000000000FFFF00000100007F:%04X 0000000000000000FFFF0000%02X%02X000A:%04X"
                            + " %02X" + TW_TAIL + "\n", i, 40000 + i % 50, remote % 256, remote / 256, 8000 + remote % 7,
                    i % 5 == 0 ? 1 : 6));
        }
        SocketTally t = parse(sb.toString());
        List<RemotePorts> remotes = t.remotes();
        assertThat(t.malformedLines()).isZero();
        assertThat(remotes).hasSize(2000);
        assertThat(remotes).allSatisfy(r -> {
            assertThat(r.portsHeld()).isEqualTo(50);
            assertThat(r.timeWait()).isEqualTo(40);
        });
        assertThat(t.inState(0x06)).isEqualTo(80_000);
        assertThat(t.inState(0x01)).isEqualTo(20_000);
    }

    @Test
    void a_socket_listed_twice_while_it_moves_to_time_wait_holds_its_port_once() throws IOException {
        SocketTally t = parse("   0: 0100007F:9C41 0500000A:01BB 05" + TW_TAIL + "\n"
                + "   1: 0100007F:9C42 0500000A:01BB 01" + TW_TAIL + "\n"
                + "   2: 0100007F:9C41 0500000A:01BB 06" + TW_TAIL + "\n");
        assertThat(t.remotes()).containsExactly(new RemotePorts(InetAddress.getByName("10.0.0.5"), 443, 2, 0));
    }

    @Test
    void tracking_stops_at_the_limit_and_says_how_many_sockets_were_left_out() throws IOException {
        SocketTally tally = new SocketTally(RANGE, 2);
        String table = "   0: 0100007F:9C41 0500000A:01BB 01" + TW_TAIL + "\n"
                + "   1: 0100007F:9C42 0600000A:01BB 01" + TW_TAIL + "\n"
                + "   2: 0100007F:9C43 0700000A:01BB 01" + TW_TAIL + "\n";
        new SocketTableParser().parse(new ByteArrayInputStream(table.getBytes(StandardCharsets.US_ASCII)), tally);
        assertThat(tally.remotes()).hasSize(2);
        assertThat(tally.untrackedSockets()).isEqualTo(1);
    }

    @Test
    void a_million_sockets_are_counted_in_memory_bounded_by_the_destinations_not_the_sockets() throws IOException {
        PortRange range = new PortRange(32768, 60999);
        SocketTableParser parser = new SocketTableParser();
        parser.parse(new SyntheticSocketTable(10_000, 300, range.low()), new SocketTally(range, 4096)); // warm
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        SocketTally tally = new SocketTally(range, 4096);
        parser.parse(new SyntheticSocketTable(1_000_000, 300, range.low()), tally);

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated to scan a million sockets").isLessThan(2L << 20);
        assertThat(tally.sockets()).isEqualTo(1_000_000);
        assertThat(tally.malformedLines()).isZero();
        assertThat(tally.inState(0x06)).isEqualTo(900_000);
        List<RemotePorts> remotes = tally.remotes();
        assertThat(remotes).hasSize(300);
        assertThat(remotes.stream().mapToInt(RemotePorts::portsHeld).sum()).isEqualTo(1_000_000);
        assertThat(remotes.get(0).portsHeld()).isEqualTo(3334);
    }

    @Test
    void a_repeat_a_little_later_in_a_big_table_is_still_counted_once() throws IOException {
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String row = String.format("%6d: 0100007F:%04X 0500000A:01BB 06" + TW_TAIL + "\n", i, 40000 + i % 50);
            table.append(row.replace("0500000A", String.format("%08X", 0x0A000000 + (i / 50 << 8) + 5)));
            if (i % 7 == 0) {
                table.append(row.replace("0500000A", String.format("%08X", 0x0A000000 + (i / 50 << 8) + 5)));
            }
        }
        SocketTally tally = new SocketTally(RANGE, 4096);
        new SocketTableParser().parse(new ByteArrayInputStream(table.toString()
                .getBytes(StandardCharsets.US_ASCII)), tally);
        assertThat(tally.remotes()).hasSize(400).allSatisfy(r -> assertThat(r.portsHeld()).isEqualTo(50));
    }
}
