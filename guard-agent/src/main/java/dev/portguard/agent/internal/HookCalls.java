package dev.portguard.agent.internal;

import dev.portguard.agent.internal.weave.BridgeCall;
import dev.portguard.agent.internal.weave.ClassSeams;
import dev.portguard.agent.internal.weave.Seam;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the hook a woven call names and swallows its failure: counting must never change what the application sees.
 * A failure is never silent either: each hook's first one is said in one line (a library release the hook cannot
 * link against, say), never one per call.
 */
final class HookCalls {
    /** Hooks whose failure was said; touched on failures only. */
    private final Set<Hook> failed = ConcurrentHashMap.newKeySet();

    Object call(AgentClients clients, int hook, Object a, Object b, Object c) {
        try {
            Hook h = Hook.byNumber(hook);
            return h == null ? null : h.on(clients, a, b, c); // null: woven by another agent version
        } catch (Throwable t) {
            failed(hook, t);
            return null;
        }
    }

    private void failed(int hook, Throwable t) {
        try {
            Hook h = Hook.byNumber(hook);
            if (h != null && failed.add(h)) {
                AgentLog.warn(libraryOf(h) + ": the agent's " + h + " hook failed (" + describe(t) + "); what it"
                        + " would count goes uncounted, and its later failures are not logged");
            }
        } catch (Throwable ignored) {
            // saying so must not break the application either
        }
    }

    /**
     * The failure, with its message only for a linkage error (whose message names a class or a member): another
     * message may carry a URL or a header value of the application's.
     */
    static String describe(Throwable t) {
        String what = t instanceof LinkageError ? t.toString() : t.getClass().getName();
        StackTraceElement[] frames = t.getStackTrace();
        return frames.length == 0 ? what : what + " at " + frames[0];
    }

    /** The library whose seams call {@code hook}: looked up on a failure only, by a walk over the seam table. */
    private static String libraryOf(Hook hook) {
        for (ClassSeams c : AgentSeams.BY_INTERNAL_NAME.values()) {
            for (Seam s : c.seams()) {
                if (calls(s.enter(), hook) || calls(s.exit(), hook)) {
                    return c.library();
                }
            }
        }
        return "agent";
    }

    private static boolean calls(BridgeCall call, Hook hook) {
        return call != null && call.hook() == hook.ordinal();
    }
}
