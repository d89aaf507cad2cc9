package dev.portguard.core.spi;

/**
 * What a client integration asks in {@code mitigate} mode, when a client is being built: whether its site's
 * clients are to share one pool, how large, and where to say what it did. Every method is cheap enough to call
 * for each client built (a map read), never throws and never blocks; outside mitigate mode {@link #shares}
 * answers false and the rest do nothing.
 */
public interface Mitigation {
    /** The answer outside mitigate mode. */
    Mitigation NONE = new Mitigation() {
        @Override
        public boolean shares(ClientPool pool) {
            return false;
        }

        @Override
        public int observedConcurrency(ClientPool pool) {
            return 1;
        }

        @Override
        public void sharing(ClientPool pool, int poolSize) {
        }

        @Override
        public void leftAlone(ClientPool pool, String reason) {
        }

        @Override
        public void unsupported(String client, String why) {
        }
    };

    /**
     * True when the client being built at {@code pool}'s site is to be served from the site's shared pool: the
     * site builds a client per request ({@code mitigate=found}), or built more than {@code mitigate.after}
     * ({@code mitigate=all}).
     */
    boolean shares(ClientPool pool);

    /** The most connections the site's clients have had in use at once so far; at least 1. */
    int observedConcurrency(ClientPool pool);

    /** The integration now serves the site's clients from one pool keeping {@code poolSize}: logged once, reported. */
    void sharing(ClientPool pool, int poolSize);

    /** The site's clients are left as the code built them, for {@code reason}: logged once per site, reported. */
    void leftAlone(ClientPool pool, String reason);

    /** This version of {@code client} cannot be mitigated ({@code why}); its clients are observed only. One line. */
    void unsupported(String client, String why);
}
