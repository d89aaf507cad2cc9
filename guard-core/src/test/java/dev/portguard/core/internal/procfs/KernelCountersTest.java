package dev.portguard.core.internal.procfs;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KernelCountersTest {
    @Test
    void sockstat_pairs_are_read_from_the_tcp_line() {
        Map<String, Long> tcp = KernelCounters.sockstat("sockets: used 5\nTCP: inuse 3 orphan 0 tw 42 alloc 7 mem 1\n",
                "TCP:");
        assertThat(tcp).containsEntry("tw", 42L).containsEntry("inuse", 3L);
    }

    @Test
    void netstat_names_and_values_are_paired() {
        Map<String, Long> ext = KernelCounters.table(
                "TcpExt: TW TWRecycled TCPTimeWaitOverflow\nTcpExt: 10 2 1\nIpExt: A\nIpExt: 9\n", "TcpExt:");
        assertThat(ext).containsEntry("TW", 10L).containsEntry("TWRecycled", 2L)
                .containsEntry("TCPTimeWaitOverflow", 1L).doesNotContainKey("A");
    }

    @Test
    void conntrack_stats_are_hex_summed_over_cpus_and_a_short_line_is_skipped() {
        Map<String, Long> sums = KernelCounters.perCpuHex(
                "entries  clashres found new invalid ignore delete chainlength insert insert_failed drop\n"
                + "00000010 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0000000a 00000001\n"
                + "00000010 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000006 00000002\n"
                + "00000010 0000\n");
        assertThat(sums).containsEntry("insert_failed", 16L).containsEntry("drop", 3L);
    }
}
