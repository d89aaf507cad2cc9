package dev.portguard.core;

/**
 * Thrown in {@link GuardMode#STRICT} mode at the call that made a finding, so a test fails where the misuse is.
 * It carries the {@link Finding}; its message is the finding's message and advice.
 */
public final class PoolMisuseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Finding finding;

    public PoolMisuseException(Finding finding) {
        super(finding.type() + " " + finding.destination() + " at " + finding.site() + ": " + finding.message()
                + " Fix: " + finding.advice());
        this.finding = finding;
        // Like an assertion failure, the user's frame goes on top: drop the guard's and the client's own frames.
        StackTraceElement[] trace = getStackTrace();
        int first = 0;
        while (first < trace.length - 1 && dev.portguard.core.spi.CallSites.isLibrary(trace[first].getClassName())) {
            first++;
        }
        setStackTrace(java.util.Arrays.copyOfRange(trace, first, trace.length));
    }

    /** The finding this exception reports. */
    public Finding finding() {
        return finding;
    }
}
