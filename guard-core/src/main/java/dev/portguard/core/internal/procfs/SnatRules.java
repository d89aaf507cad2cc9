package dev.portguard.core.internal.procfs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port ranges of a node's source NAT rules, from {@code iptables-save -t nat} or {@code nft list ruleset}:
 * {@code -j MASQUERADE --to-ports 40000-40049}, {@code -j SNAT --to-source 192.0.2.1:40000-40049},
 * {@code masquerade to :40000-40049}, {@code snat to 192.0.2.1:40000-40049} (nft may write {@code snat ip to}).
 * A rule without a port range searches the kernel's default, 1024-65535.
 */
public final class SnatRules {
    private static final Pattern IPTABLES_TARGET = Pattern.compile("-j (MASQUERADE|SNAT)(?:\\s|$)");
    private static final Pattern IPTABLES_PORTS = Pattern.compile(
            "--to-ports (\\d+)(?:-(\\d+))?|--to-source \\S*?:(\\d+)(?:-(\\d+))?");
    private static final Pattern NFT = Pattern.compile(
            "\\b(masquerade|snat)\\b(?:\\s+(?:ip6?\\s+)?to\\s+\\S*?:(\\d+)(?:-(\\d+))?)?");

    private SnatRules() {
    }

    /**
     * One source NAT rule.
     *
     * @param low  first port, or -1 when the rule names none (then the kernel searches 1024-65535)
     * @param rule the rule's line, trimmed
     */
    public record Rule(String target, int low, int high, String rule) {
        public boolean hasPorts() {
            return low > 0;
        }
    }

    /** The MASQUERADE and SNAT rules of {@code iptables-save -t nat} output. */
    public static List<Rule> iptables(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("-A ")) {
                continue;
            }
            Matcher target = IPTABLES_TARGET.matcher(line);
            if (!target.find()) {
                continue;
            }
            Matcher m = IPTABLES_PORTS.matcher(line);
            if (m.find()) {
                String low = m.group(1) != null ? m.group(1) : m.group(3);
                String high = m.group(1) != null ? m.group(2) : m.group(4);
                rules.add(rule(target.group(1), low, high, line));
            } else {
                rules.add(rule(target.group(1), null, null, line));
            }
        }
        return rules;
    }

    /** The masquerade and snat statements of {@code nft list ruleset} output. */
    public static List<Rule> nft(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || trimmed.startsWith("type ")) {
                continue; // a comment, or a chain's "type nat hook postrouting"
            }
            Matcher m = NFT.matcher(trimmed);
            if (m.find()) {
                rules.add(rule(m.group(1).toUpperCase(java.util.Locale.ROOT), m.group(2), m.group(3), trimmed));
            }
        }
        return rules;
    }

    private static Rule rule(String target, String low, String high, String line) {
        if (low == null) {
            return new Rule(target, -1, -1, line.trim());
        }
        int l = low.length() > 5 ? -1 : Integer.parseInt(low);
        int h = high == null ? l : high.length() > 5 ? -1 : Integer.parseInt(high);
        if (l < 1 || h > 65535 || h < l) {
            return new Rule(target, -1, -1, line.trim());
        }
        return new Rule(target, l, h, line.trim());
    }
}
