package dev.portguard.agent.internal;

import dev.portguard.agent.AgentCommand;
import dev.portguard.core.doctor.Doctor;
import dev.portguard.core.internal.text.Quoted;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar guard-agent.jar <command>}: finds the command by name and runs it. No command or an unknown one
 * exits with the usage code 64 (sysexits' EX_USAGE), apart from every verdict the doctor can return.
 */
public final class Commands {
    /** Every command of this build. */
    static final List<AgentCommand> ALL = List.of(new DoctorCommand(), new NodeCommand(), new TimelineCommand());

    private Commands() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            if (args.length == 0) {
                usage(err);
                return Doctor.USAGE; // not 2, which scripts read as the doctor's CRITICAL
            }
            usage(out);
            return 0;
        }
        for (AgentCommand command : ALL) {
            if (command.name().equals(args[0])) {
                return command.run(Arrays.asList(args).subList(1, args.length), out, err);
            }
        }
        err.println("unknown command " + Quoted.of(args[0]));
        usage(err);
        return Doctor.USAGE;
    }

    private static void usage(PrintStream out) {
        out.println("PortGuard javaagent. Attach it with -javaagent:guard-agent.jar[=key=value,...]; see the README.");
        out.println("Commands: java -jar guard-agent.jar <command>");
        for (AgentCommand command : ALL) {
            out.println("  " + command.name() + "  " + command.summary());
        }
    }
}
