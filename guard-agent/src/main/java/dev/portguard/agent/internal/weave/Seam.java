package dev.portguard.agent.internal.weave;

/**
 * One advised method: a bridge call on entry, one on exit, or both. Exit calls run on return, on throw, or on
 * either ({@link Exit}). What each may read is checked here, once, instead of producing unverifiable code later.
 */
public record Seam(MethodMatch match, BridgeCall enter, BridgeCall exit, Exit when) {
    public enum Exit {
        RETURN, THROW, RETURN_OR_THROW;

        boolean onReturn() {
            return this != THROW;
        }

        boolean onThrow() {
            return this != RETURN;
        }
    }

    public Seam {
        boolean constructor = match.name().equals("<init>");
        if (enter != null && (enter.uses(Value.Kind.THIS) && constructor || enter.uses(Value.Kind.RETURNED)
                || enter.uses(Value.Kind.THROWN) || enter.uses(Value.Kind.TOKEN))) {
            throw new IllegalArgumentException("enter call reads what is not there yet: " + enter);
        }
        if (enter != null && enter.returnsEarly() && constructor || exit != null && exit.returnsEarly()) {
            throw new IllegalArgumentException("only an enter call of a method may return early: " + match);
        }
        if (exit != null && constructor && when.onThrow()) {
            // a handler around a constructor body would see an uninitialised this; no seam needs it
            throw new IllegalArgumentException("no throw exit on constructors: " + match);
        }
        if (exit != null && exit.uses(Value.Kind.TOKEN) && (enter == null || !enter.returnsToken())) {
            throw new IllegalArgumentException("exit reads a token no enter call returns: " + match);
        }
    }

    public static Seam onEnter(MethodMatch match, BridgeCall call) {
        return new Seam(match, call, null, Exit.RETURN);
    }

    public static Seam onExit(MethodMatch match, BridgeCall call, Exit when) {
        return new Seam(match, null, call, when);
    }

    public static Seam around(MethodMatch match, BridgeCall enter, BridgeCall exit, Exit when) {
        return new Seam(match, enter, exit, when);
    }
}
