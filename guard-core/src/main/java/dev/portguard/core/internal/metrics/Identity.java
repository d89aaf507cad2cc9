package dev.portguard.core.internal.metrics;

import dev.portguard.core.metrics.GuardMeter.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod's identity from the Kubernetes downward API, as tags on every meter: set and not empty, the tag is there;
 * otherwise it is absent from every meter.
 */
final class Identity {
    private static final String[][] ENV_TO_TAG = {
            {"NODE_NAME", "k8s.node.name"},
            {"POD_NAME", "k8s.pod.name"},
            {"POD_NAMESPACE", "k8s.namespace.name"},
            {"POD_IP", "k8s.pod.ip"},
    };

    private Identity() {
    }

    static List<Tag> tags(Map<String, String> env) {
        List<Tag> tags = new ArrayList<>();
        for (String[] pair : ENV_TO_TAG) {
            String value = env.get(pair[0]);
            if (value != null && !value.isBlank()) {
                tags.add(new Tag(pair[1], value.trim()));
            }
        }
        return List.copyOf(tags);
    }
}
