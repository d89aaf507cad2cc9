package dev.portguard.agent.internal.weave;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for the agent's bridge in woven test classes: records every call; hook 1 hands back a token; hook 8
 * answers for its method when asked {@code "ask"} and gives a value of the wrong type when asked {@code "type"}.
 */
public final class RecordingBridge {
    static final List<List<Object>> CALLS = new ArrayList<>();
    static final String TOKEN = "token";

    private RecordingBridge() {
    }

    public static Object call(int hook, Object a, Object b, Object c) {
        CALLS.add(Arrays.asList(hook, a, b, c));
        if (hook == 8) {
            return "ask".equals(a) ? "answered" : "type".equals(a) ? Integer.valueOf(42) : null;
        }
        return hook == 1 ? TOKEN : "not a token";
    }
}
