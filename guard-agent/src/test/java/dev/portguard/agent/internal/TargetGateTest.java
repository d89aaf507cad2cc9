package dev.portguard.agent.internal;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate checks a class's name against the target list before it loads the seam table: every class the table
 * weaves must be on that list, or the gate would pass it by unwoven.
 */
class TargetGateTest {
    @Test
    void everyWovenClassIsATargetTheGateLetsThrough() {
        Set<String> targets = new HashSet<>();
        for (String name : Targets.LIBRARY_BY_CLASS.keySet()) {
            targets.add(name.replace('.', '/'));
        }
        assertThat(targets).containsAll(AgentSeams.BY_INTERNAL_NAME.keySet());
    }

    @Test
    void otherClassesAreLeftAloneWithoutLoadingTheSeamTable() {
        TargetGate gate = new TargetGate();
        assertThat(gate.transform(null, getClass().getClassLoader(), "com/example/NotATarget", null, null,
                new byte[] {1, 2, 3})).isNull();
        assertThat(gate.transform(null, getClass().getClassLoader(), null, null, null, new byte[0])).isNull();
        assertThat(gate.seenLibraries()).isEmpty();
    }
}
