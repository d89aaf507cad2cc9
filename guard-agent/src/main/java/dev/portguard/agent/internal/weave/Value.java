package dev.portguard.agent.internal.weave;

/** One argument handed to a bridge method: what the advised method has at hand where the call is made. */
public record Value(Kind kind, int index, String constant) {
    public enum Kind {
        /** The instance ({@code this}); after the constructor's body on a constructor. */
        THIS,
        /** A reference-typed argument, as it was on entry. */
        ARGUMENT,
        /** A string known when the agent is built. */
        CONSTANT,
        /** What the method returns (a reference), or null when it throws. */
        RETURNED,
        /** What the method throws, or null when it returns. */
        THROWN,
        /** What the enter call returned. */
        TOKEN,
        /** A null where the bridge method takes a throwable: the call reports no failure. */
        NO_FAILURE
    }

    public static Value self() {
        return new Value(Kind.THIS, -1, null);
    }

    public static Value argument(int index) {
        return new Value(Kind.ARGUMENT, index, null);
    }

    public static Value constant(String text) {
        return new Value(Kind.CONSTANT, -1, text);
    }

    public static Value returned() {
        return new Value(Kind.RETURNED, -1, null);
    }

    public static Value thrown() {
        return new Value(Kind.THROWN, -1, null);
    }

    public static Value noFailure() {
        return new Value(Kind.NO_FAILURE, -1, null);
    }

    public static Value token() {
        return new Value(Kind.TOKEN, -1, null);
    }
}
