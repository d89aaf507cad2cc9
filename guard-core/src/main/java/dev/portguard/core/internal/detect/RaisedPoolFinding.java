package dev.portguard.core.internal.detect;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.internal.publish.RaisedFinding;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolSettings;

import java.util.function.IntSupplier;

/**
 * A pool finding that was made, kept as references to live counters so that every snapshot shows its evidence as
 * it stands. It holds no client pool, so the pool can still be collected.
 */
final class RaisedPoolFinding implements RaisedFinding {
    final Detector detector;
    final RouteCounts route;
    final ClientKind kind;
    final PoolSettings settings;
    final IntSupplier peakInUse;
    private final GuardConfig config;

    RaisedPoolFinding(Detector detector, RouteView raisedBy, GuardConfig config) {
        this.detector = detector;
        this.route = raisedBy.counts();
        this.kind = raisedBy.kind();
        this.settings = raisedBy.settings();
        this.peakInUse = raisedBy.peakInUseGauge();
        this.config = config;
    }

    @Override
    public FindingType type() {
        return detector.type();
    }

    @Override
    public Object subject() {
        return route;
    }

    @Override
    public Finding current() {
        return detector.describe(this, config);
    }

    @Override
    public boolean poolMisuse() {
        return true;
    }

    String destination() {
        return route.destination();
    }

    String site() {
        return route.site();
    }
}
