package dev.portguard.core.internal.metrics;

import dev.portguard.core.metrics.GuardMeter.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityTest {
    @Test
    void downwardApiVariablesBecomeTagsInTheDocumentedOrder() {
        assertThat(Identity.tags(Map.of("POD_IP", "10.1.2.3", "NODE_NAME", "node-a", "POD_NAME", "web-1",
                "POD_NAMESPACE", "shop")))
                .containsExactly(new Tag("k8s.node.name", "node-a"), new Tag("k8s.pod.name", "web-1"),
                        new Tag("k8s.namespace.name", "shop"), new Tag("k8s.pod.ip", "10.1.2.3"));
    }

    @Test
    void unsetOrEmptyVariablesAreAbsentNotEmptyTags() {
        assertThat(Identity.tags(Map.of("NODE_NAME", "", "POD_NAME", "  ", "HOSTNAME", "x"))).isEmpty();
        assertThat(Identity.tags(Map.of("POD_NAME", "web-1"))).containsExactly(new Tag("k8s.pod.name", "web-1"));
    }
}
