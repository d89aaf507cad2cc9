package dev.portguard.agent.internal;

import dev.portguard.core.GuardConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The agent's settings: {@code PORTGUARD_*} environment variables, overridden by {@code portguard.*} system
 * properties, overridden by the agent argument {@code key=value,key=value}. Every problem is one line and its
 * default is used: a bad option never stops the application. An unknown key in the agent argument is a problem; an
 * unknown {@code portguard.*} property or variable is one only when it looks like a mistyped key.
 */
final class AgentOptions {
    private AgentOptions() {
    }

    static GuardConfig resolve(String agentArgument, Map<String, String> env, Properties props,
                               Consumer<String> problems) {
        // Unknown portguard.* names in the environment belong to someone else; the agent argument is ours alone.
        Map<String, String> settings = new LinkedHashMap<>(GuardConfig.environmentSettings(env, props, problems));
        settings.putAll(parse(agentArgument, problems));
        return GuardConfig.builder().fromLenient(settings, problems).build();
    }

    /** {@code mode=strict,report=/tmp/r.json}; keys may carry the {@code portguard.} prefix. */
    static Map<String, String> parse(String agentArgument, Consumer<String> problems) {
        Map<String, String> options = new LinkedHashMap<>();
        if (agentArgument == null || agentArgument.isBlank()) {
            return options;
        }
        for (String part : agentArgument.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                problems.accept("agent option '" + part.trim() + "' is not key=value; ignoring it");
                continue;
            }
            String key = part.substring(0, eq).trim();
            if (key.startsWith(GuardConfig.PROPERTY_PREFIX)) {
                key = key.substring(GuardConfig.PROPERTY_PREFIX.length());
            }
            options.put(key, part.substring(eq + 1).trim());
        }
        return options;
    }
}
