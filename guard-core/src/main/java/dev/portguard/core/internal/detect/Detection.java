package dev.portguard.core.internal.detect;

/** The ledger's one call into detection: a route's connections opened moved since the detectors last looked. */
public interface Detection {
    /** Called on the request thread; cheap and allocation-free unless it raises. Throws only in strict mode. */
    void openedMoved(RouteView route);

    /**
     * The exchange of a request that raised a finding on {@code route} ended (its connection was given back, or
     * could not be opened): the finding's first line can now count that request's connection.
     */
    void exchangeEnded(RouteCounts route);
}
