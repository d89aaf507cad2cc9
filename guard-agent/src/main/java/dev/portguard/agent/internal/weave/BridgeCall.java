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

    /** Whether this call reads argument {@code index}. */
    boolean readsArgument(int index) {
        for (Value v : values) {
            if (v.kind() == Value.Kind.ARGUMENT && v.index() == index) {
                return true;
            }
        }
        return false;
    }

    String descriptor() {
        StringBuilder d = new StringBuilder("(");
        for (Value v : values) {
            d.append(v.descriptor());
        }
        return d.append(returnsToken ? ")Ljava/lang/Object;" : ")V").toString();
    }

    boolean uses(Value.Kind kind) {
        for (Value v : values) {
            if (v.kind() == kind) {
                return true;
            }
        }
        return false;
    }
}
