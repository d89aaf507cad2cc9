package dev.portguard.junit.internal;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;

/**
 * Installs guard-agent's instrumentation into this JVM. guard-agent is a dependency of guard-junit, so it is on the
 * test class path unless a build excluded it; it is still found by name, so that an exclusion is one warning and
 * not a broken test run.
 */
final class AgentInstall {
    private static final System.Logger LOG = System.getLogger("dev.portguard.junit");
    private static final String AGENT = "dev.portguard.agent.GuardAgent";

    private AgentInstall() {
    }

    /** Installs the agent, or says once, plainly and with the fix, that clients built by plain code go unseen. */
    static void install() {
        Class<?> agent;
        try {
            agent = Class.forName(AGENT);
        } catch (ClassNotFoundException | LinkageError e) {
            unseen("guard-agent is not on the test class path (was it excluded from guard-junit's dependencies?)");
            return;
        }
        try {
            Method install = agent.getMethod("install");
            install.invoke(null);
            if (!Boolean.TRUE.equals(agent.getMethod("isInstalled").invoke(null))) {
                unseen("its agent could not be installed into this JVM (the line above from [portguard] says why)");
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            unseen("its agent could not be installed into this JVM (" + e + ")");
        }
    }

    private static void unseen(String why) {
        LOG.log(Level.WARNING, "PortGuard cannot see the HTTP clients the code under test builds itself"
                + " (new OkHttpClient(), HttpClients.createDefault(), HttpClient.newHttpClient()): " + why
                + ". Tests pass unless they use clients wrapped with guard-okhttp or guard-httpclient5."
                + " Fix: attach the agent to the test JVM through surefire's argLine,"
                + " -javaagent:${settings.localRepository}/dev/portguard/guard-agent/<version>/guard-agent-<version>.jar"
                + " (or run the tests with -XX:+EnableDynamicAgentLoading if a JVM option disabled attaching).");
    }
}
