package dev.portguard.core.internal;

import dev.portguard.core.Finding;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolSettings;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A finding that was made, kept as references to live counters so that every snapshot shows its evidence as it
 * stands. It holds no client pool, so the pool can still be collected.
 */
final class RaisedFinding {
    final Detector detector;
    final SiteRoute route;
    final ClientKind kind;
    final PoolSettings settings;
    final AtomicInteger peakInUse;

    RaisedFinding(Detector detector, TrackedRoute raisedBy) {
        this.detector = detector;
        this.route = raisedBy.siteRoute;
        this.kind = raisedBy.pool.kind;
        this.settings = raisedBy.pool.settings;
        this.peakInUse = raisedBy.pool.peakInUse;
    }

    Finding current(GuardConfig config) {
        return detector.describe(this, config);
    }

    String destination() {
        return route.destination.destination;
    }

    String site() {
        return route.site.site;
    }
}
