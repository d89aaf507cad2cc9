package dev.portguard.agent.internal.weave;

import java.util.List;

/**
 * A static call into the bridge, woven into an advised method. The descriptor follows from the values (all
 * {@code Object} but constants and the thrown value), so the table of seams names only the method.
 */
public record BridgeCall(String method, List<Value> values, boolean returnsToken) {
    public static BridgeCall of(String method, Value... values) {
        return new BridgeCall(method, List.of(values), false);
    }

    /** A call whose result the exit call reads back as {@link Value#token()}. */
    public static BridgeCall keepingToken(String method, Value... values) {
        return new BridgeCall(method, List.of(values), true);
    }

    String descriptor() {
        StringBuilder d = new StringBuilder("(");
        values.forEach(v -> d.append(v.descriptor()));
        return d.append(returnsToken ? ")Ljava/lang/Object;" : ")V").toString();
    }

    boolean uses(Value.Kind kind) {
        return values.stream().anyMatch(v -> v.kind() == kind);
    }
}
