package dev.portguard.agent;

import dev.portguard.agent.internal.AgentLog;
import dev.portguard.agent.internal.AgentStartup;
import dev.portguard.agent.internal.Commands;

import java.lang.instrument.Instrumentation;

/**
 * The PortGuard javaagent: {@code -javaagent:guard-agent.jar[=key=value,...]} guards an unmodified application,
 * and {@code java -jar guard-agent.jar <command>} runs the agent's commands.
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

    private static void start(String options, Instrumentation instrumentation) {
        try {
            AgentStartup.start(options, instrumentation);
        } catch (Throwable t) {
            AgentLog.warn("agent not started (" + t + "); the application runs unguarded");
        }
    }

    /** Whether the agent started in this JVM, through -javaagent or an attach. */
    public static boolean isInstalled() {
        return AgentStartup.started();
    }

    public static void main(String[] args) {
        System.exit(Commands.run(args, System.out, System.err));
    }
}
