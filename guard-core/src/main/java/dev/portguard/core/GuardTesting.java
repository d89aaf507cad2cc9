package dev.portguard.core;

import dev.portguard.core.headroom.HostPorts;

/**
 * What test harnesses and tools do to a guard, apart from the application's API: start counting afresh, read the
 * host's ports now. Reached through {@link PortGuard#testing()}; not for production code paths.
 */
public interface GuardTesting {
    /**
     * Forgets all counts and pool findings; guarded clients stay guarded and count from zero. Port findings stay:
     * they describe the host, which a reset does not change.
     */
    void reset();

    /**
     * Reads the host's ports now, on the calling thread, and re-evaluates every destination's headroom (the probe
     * thread does this every {@code headroom.interval} anyway). Costs a scan of {@code /proc/net/tcp*}. Never throws.
     */
    HostPorts refreshHeadroom();

    /**
     * Raises {@code CONNECTION_LEAK} for every tracked connection still held now (taken since the last reset and
     * not given back), whatever its age, on the calling thread: a test harness calls it when a test ends, when
     * nothing the test started should still hold a connection. Leases whose site was not sampled are reported at
     * {@code unknown}. Never throws.
     */
    void findLeaksNow();
}
