package dev.portguard.core.internal.detect;

import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolSettings;

import java.util.function.IntSupplier;

/** One pool's traffic to one destination as detectors see it: its site route's counts and the pool's shape. */
public interface RouteView {
    RouteCounts counts();

    ClientKind kind();

    PoolSettings settings();

    /** The most requests that used the pool at once. */
    int peakInUse();

    /** The same, read later: holds the counter, never the pool, so a finding does not keep a client alive. */
    IntSupplier peakInUseGauge();
}
