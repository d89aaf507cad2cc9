package dev.portguard.agent;

import dev.portguard.agent.internal.AgentLog;
import dev.portguard.agent.internal.AgentStartup;
import dev.portguard.agent.internal.Commands;
import dev.portguard.agent.internal.SelfAttach;

import java.lang.instrument.Instrumentation;

/**
 * The PortGuard javaagent: {@code -javaagent:guard-agent.jar[=key=value,...]} guards an unmodified application,
 * {@link #install()} does the same from code already running (a test harness), and
 * {@code java -jar guard-agent.jar <command>} runs the agent's commands.
 *
 * <p>The agent never stops the application: whatever goes wrong while starting is logged in one line and the
 * application runs unguarded.
 */
public final class GuardAgent {
    private GuardAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation);
    }

    /** For attaching to a running JVM; clients created before the attach are not guarded. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation);
    }

    /**
     * Installs the agent into this JVM when it was not started with {@code -javaagent}: attaches to itself and
     * starts as premain would, with options from {@code portguard.*} system properties and {@code PORTGUARD_*}
     * environment variables. Does nothing if the agent already started. Never throws: a failure is one line on
     * standard error. Clients created before the call are not guarded. On JDK 21+ the JVM warns about an agent
     * loaded dynamically unless it runs with {@code -XX:+EnableDynamicAgentLoading}.
     */
    public static synchronized void install() {
        try {
            if (AgentStartup.hasStarted()) {
                return;
            }
            AgentStartup.start(null, SelfAttach.instrumentation());
        } catch (Throwable t) {
            AgentLog.warn("agent not installed (" + t + "); this JVM runs unguarded."
                    + " Start it with -javaagent:guard-agent.jar instead");
        }
    }

    /** Whether the agent has started in this JVM (with {@code -javaagent}, an attach or {@link #install()}). */
    public static boolean isInstalled() {
        return AgentStartup.hasStarted();
    }

    private static void start(String options, Instrumentation instrumentation) {
        try {
            AgentStartup.start(options, instrumentation);
        } catch (Throwable t) {
            AgentLog.warn("agent not started (" + t + "); the application runs unguarded");
        }
    }

    public static void main(String[] args) {
        System.exit(Commands.run(args, System.out, System.err));
    }
}
