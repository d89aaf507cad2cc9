package dev.portguard.agent.internal.weave;

import java.util.List;

/**
 * A static call into the bridge, woven into an advised method: hook number {@code hook} with up to
 * {@link #MAX_VALUES} values. Every call has the same bridge method and descriptor, so the woven code pads unused
 * values with nulls and the bridge never grows with the table of seams.
 *
 * @param name the hook's name, for messages
 * @param returnsEarly an enter call whose non-null result the method returns at once, instead of running its body
 *                     (a result that is not of the method's return type is ignored)
 */
public record BridgeCall(int hook, String name, List<Value> values, boolean returnsToken, boolean returnsEarly) {
    public static final int MAX_VALUES = 3;
    /** The bridge's one method: {@code static Object call(int hook, Object a, Object b, Object c)}. */
    public static final String METHOD = "call";
    public static final String DESCRIPTOR = "(ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)"
            + "Ljava/lang/Object;";

    public BridgeCall(int hook, String name, List<Value> values, boolean returnsToken) {
        this(hook, name, values, returnsToken, false);
    }

    public BridgeCall {
        if (returnsToken && returnsEarly) {
            throw new IllegalArgumentException("a call returns a token or a result, not both: " + name);
        }
        values = List.copyOf(values);
        if (hook < 0 || values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("a bridge call takes a hook number and at most " + MAX_VALUES
                    + " values: " + name + values);
        }
    }

    /** A call whose result the exit call reads back as {@link Value#token()}. */
    public static BridgeCall keepingToken(int hook, String name, Value... values) {
        return new BridgeCall(hook, name, List.of(values), true);
    }

    /** An enter call that may answer for the method: a non-null result is returned without running the body. */
    public static BridgeCall returningEarly(int hook, String name, Value... values) {
        return new BridgeCall(hook, name, List.of(values), false, true);
    }

    public static BridgeCall of(int hook, String name, Value... values) {
        return new BridgeCall(hook, name, List.of(values), false);
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

    boolean uses(Value.Kind kind) {
        for (Value v : values) {
            if (v.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name + values;
    }
}
