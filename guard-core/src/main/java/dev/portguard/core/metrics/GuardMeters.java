package dev.portguard.core.metrics;

import dev.portguard.core.Registration;

import java.util.List;

/**
 * The guard's meters, one model for every exporter (the Micrometer binder, the agent's Prometheus endpoint): what
 * exists now, and a signal when that may have changed. Get it from {@link dev.portguard.core.PortGuard#meters()}.
 */
public interface GuardMeters {
    /**
     * The meters that exist now. Traffic meters appear when a destination, site or pair is first counted and stay;
     * headroom gauges follow the latest probe reading (a forecast's gauge exists only while there is a forecast);
     * finding gauges follow the findings that stand. Bounded by the caps, whatever the traffic.
     */
    List<GuardMeter> current();

    /**
     * Tells {@code listener} when {@link #current()} may have changed: a new destination, site, pair or finding, a
     * probe reading, a reset. Rare, never per request; called on the thread where it happened, so it must be quick
     * and must not throw.
     */
    Registration onChange(Runnable listener);
}
