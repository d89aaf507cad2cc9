package dev.portguard.agent.internal;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.internal.text.Quoted;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The agent's settings: {@code PORTGUARD_*} environment variables, overridden by {@code portguard.*} system
 * properties, overridden by the agent argument {@code key=value,key=value}. Every problem is one line and its
 * default is used: a bad option never stops the application. A comma inside a value is written twice
 * ({@code report=/data/a,,b.json}): doubling survives shells and {@code JAVA_TOOL_OPTIONS} without quoting, where a
 * backslash or quotes would not, and leaves Windows paths alone.
 */
final class AgentOptions {
    private AgentOptions() {
    }

    static GuardConfig resolve(String agentArgument, Map<String, String> env, Properties props,
                               Consumer<String> problems) {
        Map<String, String> settings = new LinkedHashMap<>(GuardConfig.environmentSettings(env, props));
        settings.putAll(parse(agentArgument, problems));
        return GuardConfig.builder().fromLenient(settings, problems).build();
    }

    /**
     * {@code mode=strict,report=/tmp/r.json}; keys may carry the {@code portguard.} prefix; {@code ,,} is a comma
     * inside a value.
     */
    static Map<String, String> parse(String agentArgument, Consumer<String> problems) {
        Map<String, String> options = new LinkedHashMap<>();
        if (agentArgument == null || agentArgument.isBlank()) {
            return options;
        }
        for (String part : split(agentArgument)) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                problems.accept("agent option " + Quoted.of(part.trim()) + " is not key=value; ignoring it");
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

    /** The options between single commas; a doubled comma is one comma of the option. */
    static List<String> split(String argument) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c != ',') {
                part.append(c);
            } else if (i + 1 < argument.length() && argument.charAt(i + 1) == ',') {
                part.append(',');
                i++;
            } else {
                parts.add(part.toString());
                part.setLength(0);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
