package dev.portguard.core.spi;

/**
 * What a client integration asks of the guard: a {@link ClientPool} per client pool it hooks. Reached through
 * {@code PortGuard.integration()}, apart from the application's API. Pool creation is rare, so these may allocate
 * and lock; they never throw, and in {@code off} mode they return a pool that ignores every event.
 */
public interface Integration {
    /** Registers a client pool created by the code now on the stack; the site is the first frame of user code. */
    ClientPool newPool(ClientKind kind, PoolSettings settings);

    /** Registers a client pool whose creation site the integration captured itself. */
    ClientPool newPool(ClientKind kind, PoolSettings settings, String site);

    /** What the integration asks in {@code mitigate} mode; {@link Mitigation#NONE} in every other mode. */
    default Mitigation mitigation() {
        return Mitigation.NONE;
    }
}
