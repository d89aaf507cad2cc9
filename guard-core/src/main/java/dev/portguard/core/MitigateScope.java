package dev.portguard.core;

import java.util.Locale;

/** In {@link GuardMode#MITIGATE} mode, which clients are served from a shared pool. */
public enum MitigateScope {
    /** Clients built at a site the guard found building a client per request ({@code NEW_CLIENT_PER_REQUEST}). */
    FOUND,
    /** Every client a site builds after its first {@code mitigate.after}, found or not. */
    ALL;

    /** The value as written in configuration: {@code found} or {@code all}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
