package dev.portguard.testing.netns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code ss -tanH} prints, counted per peer and local port range. */
class SsCountTest {
    private static final String SS = String.join("\n",
            "LISTEN    0      512        127.0.0.1:8080        0.0.0.0:*",
            "TIME-WAIT 0      0          127.0.0.1:40001     127.0.0.1:8080",
            "ESTAB     0      0          127.0.0.1:40002     127.0.0.1:8080",
            "ESTAB     0      0          127.0.0.1:8080      127.0.0.1:40002",
            "ESTAB     0      0   [::ffff:127.0.0.1]:40003 [::ffff:127.0.0.1]:8080",
            "SYN-SENT  0      1          127.0.0.1:40004     127.0.0.1:8081",
            "ESTAB     0      0          127.0.0.1:39999     127.0.0.1:8080",
            "ESTAB     0      0          10.0.0.1:40005      10.0.0.2:8080",
            "");

    @Test
    void countsEveryStateButListenTowardThePeerInsideTheRange() {
        assertThat(SsCount.portsHeld(SS, "127.0.0.1", 8080, 40000, 40049)).isEqualTo(3);
        assertThat(SsCount.portsHeld(SS, "127.0.0.1", 8081, 40000, 40049)).isEqualTo(1);
        assertThat(SsCount.portsHeld(SS, "127.0.0.1", 8080, 39999, 39999)).isEqualTo(1);
        assertThat(SsCount.portsHeld(SS, "10.0.0.2", 8080, 40000, 40049)).isEqualTo(1);
        assertThat(SsCount.portsHeld("", "127.0.0.1", 8080, 40000, 40049)).isZero();
    }
}
