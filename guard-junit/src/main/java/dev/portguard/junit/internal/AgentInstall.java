package dev.portguard.junit.internal;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;

/** Installs guard-agent's instrumentation into this JVM, found by name so guard-agent stays optional. */
final class AgentInstall {
    private static final System.Logger LOG = System.getLogger("dev.portguard.junit");
    private static final String AGENT = "dev.portguard.agent.GuardAgent";

    private AgentInstall() {
    }

    static void installIfPresent() {
        Class<?> agent;
        try {
            agent = Class.forName(AGENT);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.DEBUG, "guard-agent is not on the test class path: only clients wrapped with"
                    + " guard-okhttp or guard-httpclient5 are seen");
            return;
        }
        try {
            Method install = agent.getMethod("install");
            install.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "PortGuard could not install its agent into this JVM (" + e
                    + "); attach it with -javaagent through surefire's argLine instead");
        }
    }
}
