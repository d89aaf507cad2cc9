package dev.portguard.core.internal.procfs;

import dev.portguard.core.headroom.PortRange;
import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReservedPortsTest {
    private static final PortRange RANGE = new PortRange(40000, 40049);

    @Test
    void ports_and_ranges_count_only_inside_the_ephemeral_range() {
        BitSet set = ReservedPorts.inRange("8080,40010, 40020-40024,40045-41000,9000-9100\n", RANGE);
        assertThat(set.cardinality()).isEqualTo(1 + 5 + 5);
        assertThat(set.get(10)).isTrue();
        assertThat(set.get(49)).isTrue();
        assertThat(set.get(0)).isFalse();
    }

    @Test
    void an_empty_list_reserves_nothing() {
        assertThat(ReservedPorts.inRange("\n", RANGE).cardinality()).isZero();
    }

    @Test
    void a_malformed_item_is_named() {
        assertThatThrownBy(() -> ReservedPorts.inRange("40010,abc", RANGE)).hasMessageContaining("'abc'");
        assertThatThrownBy(() -> ReservedPorts.inRange("40020-40010", RANGE)).hasMessageContaining("40020-40010");
    }
}
