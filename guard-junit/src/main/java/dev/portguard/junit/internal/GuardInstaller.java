package dev.portguard.junit.internal;

/**
 * Makes sure clients the code under test creates are seen, once per test JVM. Clients wrapped with guard-okhttp or
 * guard-httpclient5 report to the global guard on their own; clients created by plain code need the agent's
 * instrumentation, which guard-junit brings along and installs when it was not attached with -javaagent.
 */
public final class GuardInstaller {
    private static volatile boolean done;

    private GuardInstaller() {
    }

    public static void ensureInstalled() {
        if (done) {
            return;
        }
        synchronized (GuardInstaller.class) {
            if (!done) {
                AgentInstall.install();
                done = true;
            }
        }
    }
}
