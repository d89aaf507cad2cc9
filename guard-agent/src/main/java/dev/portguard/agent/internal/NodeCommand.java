package dev.portguard.agent.internal;

import dev.portguard.agent.AgentCommand;
import dev.portguard.core.node.NodeMode;

import java.io.PrintStream;
import java.util.List;

/** {@code java -jar guard-agent.jar node [--json] [--top N] [--serve PORT]}: the node's SNAT ports, and a verdict. */
final class NodeCommand implements AgentCommand {
    @Override
    public String name() {
        return "node";
    }

    @Override
    public String summary() {
        return "on a node: its SNAT ports per destination and the pod IPs holding them (--json; --serve PORT for"
                + " Prometheus; exit 0 healthy, 1 warning, 2 critical)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return NodeMode.run(args.toArray(new String[0]), out, err);
    }
}
