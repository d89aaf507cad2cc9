package dev.portguard.agent.internal;

/**
 * The agent's own lines (start-up problems, skipped libraries, the self-test) go to standard error with a fixed
 * prefix, without touching java.util.logging: initialising a logging framework before the application's main
 * would cost start-up time and could pre-empt the application's own logging setup.
 */
public final class AgentLog {
    private static final String PREFIX = "[portguard] ";
    private static volatile boolean verbose;

    private AgentLog() {
    }

    /** Shows {@link #info} lines too (log.level info or finer). */
    static void verbose(boolean on) {
        verbose = on;
    }

    public static void warn(String line) {
        System.err.println(PREFIX + line);
    }

    public static void info(String line) {
        if (verbose) {
            System.err.println(PREFIX + line);
        }
    }
}
