package dev.portguard.core;

import java.util.Locale;

/** What the guard does when it finds pool misuse. */
public enum GuardMode {
    /** Count and report findings; never change the application's behaviour. The default. */
    OBSERVE,
    /** Report, and throw {@link PoolMisuseException} at the call that makes a finding: for tests. */
    STRICT,
    /**
     * Observe, and where the guard found clients built per request, let the agent (and the library integrations
     * that support it) serve them from one shared connection pool per site: for an incident, until the fix ships.
     * Findings keep naming the site.
     */
    MITIGATE,
    /** Count nothing and report nothing: hooks return at their first line. */
    OFF;

    /** The value as written in configuration: {@code observe}, {@code strict}, {@code mitigate} or {@code off}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
