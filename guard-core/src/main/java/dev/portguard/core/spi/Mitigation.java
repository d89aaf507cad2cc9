package dev.portguard.core.spi;

/**
 * What a client integration asks in {@code mitigate} mode when a client is being built: whether the clients of its
 * site are to share one pool, how large, and where to say what it did. Sites are named as the guard names them
 * ({@link ClientPool#site()}, or {@link #siteOfCaller()} before a pool exists). Every method is cheap enough to call
 * for each client built (a map read; {@code siteOfCaller} one stack walk, as creating a pool costs), never throws
 * and never blocks. Outside mitigate mode {@link #NONE} answers: nothing is shared.
 */
public interface Mitigation {
    /** The answer outside mitigate mode. */
    Mitigation NONE = new Mitigation() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public String siteOfCaller() {
            return null;
        }

        @Override
        public boolean shares(String site) {
            return false;
        }

        @Override
        public int observedConcurrency(String site) {
            return 1;
        }

        @Override
        public void sharing(String site, ClientKind kind, int poolSize) {
        }

        @Override
        public void leftAlone(String site, ClientKind kind, String reason) {
        }

        @Override
        public void unsupported(String client, String why) {
        }
    };

    /** False outside mitigate mode: the integration need not look further. */
    boolean active();

    /** The site of the code now on the stack, named as a pool created here would be. */
    String siteOfCaller();

    /**
     * True when the client being built at {@code site} is to be served from the site's shared pool: the site builds
     * a client per request ({@code mitigate=found}), or already built {@code mitigate.after} ({@code mitigate=all}).
     * Ask before registering the client's own pool, so the count is of the clients built before it.
     */
    boolean shares(String site);

    /** The most connections the site's clients have had in use at once so far; at least 1. */
    int observedConcurrency(String site);

    /**
     * A client built at {@code site} is served from the site's shared pool, which keeps {@code poolSize}
     * connections ({@code -1}: the client's own limit). The first call logs the one line and splits the site's
     * counts into before and after; every call counts one client shared.
     */
    void sharing(String site, ClientKind kind, int poolSize);

    /** The site's clients are left as the code built them, for {@code reason}: logged once per site, reported. */
    void leftAlone(String site, ClientKind kind, String reason);

    /** This version of {@code client} cannot be mitigated ({@code why}); its clients are observed only. One line. */
    void unsupported(String client, String why);
}
