package dev.portguard.agent.internal;

import dev.portguard.agent.AgentCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar guard-agent.jar <command>}: finds the command by name and runs it. */
public final class Commands {
    /** Every command of this build. */
    static final List<AgentCommand> ALL = List.of(new DoctorCommand(), new NodeCommand());

    private Commands() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        for (AgentCommand command : ALL) {
            if (command.name().equals(args[0])) {
                return command.run(Arrays.asList(args).subList(1, args.length), out, err);
            }
        }
        err.println("unknown command '" + args[0] + "'");
        usage(err);
        return 2;
    }

    private static void usage(PrintStream out) {
        out.println("PortGuard javaagent. Attach it with -javaagent:guard-agent.jar[=key=value,...]; see the README.");
        out.println("Commands: java -jar guard-agent.jar <command>");
        for (AgentCommand command : ALL) {
            out.println("  " + command.name() + "  " + command.summary());
        }
    }
}
