package dev.portguard.core.internal.cli;

import dev.portguard.core.internal.text.Quoted;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A command's options, parsed the same way by every PortGuard command: {@code --flag} and {@code --option VALUE},
 * {@code -h}/{@code --help} printing the usage, and an unknown option or a bad value answered with one quoted line
 * and the usage, exit status {@link #USAGE}. An argument never reaches the output unquoted (it may hold anything).
 */
public final class Options {
    /** The exit status for a command line that could not be understood (BSD's EX_USAGE). */
    public static final int USAGE = 64;

    private final String command;
    private final String usage;
    private final Map<String, Consumer<String>> options = new LinkedHashMap<>();
    private final Map<String, Runnable> flags = new LinkedHashMap<>();

    /**
     * @param command the command's own name, accepted (and skipped) as the first argument
     * @param usage   the usage text, printed for {@code --help} and after a mistake
     */
    public Options(String command, String usage) {
        this.command = command;
        this.usage = usage;
    }

    public Options flag(String name, Runnable set) {
        flags.put(name, set);
        return this;
    }

    /** An option taking a value; {@code set} throws (any runtime exception) when the value is bad. */
    public Options option(String name, Consumer<String> set) {
        options.put(name, set);
        return this;
    }

    /**
     * Parses {@code args}, calling each flag's and option's setter in order.
     *
     * @return -1 to go on, or the exit status to stop with (0 after {@code --help}, {@link #USAGE} after a mistake)
     */
    public int parse(String[] args, PrintStream out, PrintStream err) {
        int start = args.length > 0 && args[0].equals(command) ? 1 : 0;
        for (int i = start; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.println(usage);
                return 0;
            }
            Runnable flag = flags.get(a);
            Consumer<String> option = options.get(a);
            if (flag == null && option == null) {
                err.println("unknown argument " + Quoted.of(a) + "\n" + usage);
                return USAGE;
            }
            try {
                if (flag != null) {
                    flag.run();
                } else if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value");
                } else {
                    option.accept(args[++i]);
                }
            } catch (RuntimeException e) {
                err.println("bad value for " + Quoted.of(a) + "\n" + usage);
                return USAGE;
            }
        }
        return -1;
    }
}
