package dev.portguard.agent;

import java.io.PrintStream;
import java.util.List;

/** A sub-command of {@code java -jar guard-agent.jar <name> [args]}, such as {@code doctor}. */
public interface AgentCommand {
    /** The word that selects it on the command line. */
    String name();

    /** One line for the usage text. */
    String summary();

    /** Runs the command; returns the process exit status. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
