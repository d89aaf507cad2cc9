package dev.portguard.agent.internal;

import dev.portguard.agent.AgentCommand;
import dev.portguard.core.doctor.Doctor;

import java.io.PrintStream;
import java.util.List;

/** {@code java -jar guard-agent.jar doctor [--json] [--top N]}: the host's port headroom, and a verdict. */
final class DoctorCommand implements AgentCommand {
    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String summary() {
        return "diagnose this host's ephemeral port headroom (--json for JSON; exit 0 healthy, 1 warning, 2 critical)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return Doctor.run(args.toArray(new String[0]), out, err);
    }
}
