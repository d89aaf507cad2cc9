package dev.portguard.core.internal.headroom;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingListener;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PoolCounts;
import dev.portguard.core.headroom.PortHeadroomProbe;
import dev.portguard.core.internal.detect.Detectors;
import dev.portguard.core.internal.ledger.DestinationIndex;
import dev.portguard.core.internal.ledger.Ledger;
import dev.portguard.core.internal.publish.Sinks;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolSettings;

import java.util.List;
import java.util.function.Supplier;

/** The guard's stages wired as PortGuard wires them, with the probe reading a fixture /proc. */
final class Stages {
    private final Sinks sinks;
    private final HeadroomWatch watch;
    private final Ledger ledger;

    Stages(GuardConfig config, FindingListener published, Supplier<PortHeadroomProbe> probe) {
        this.sinks = new Sinks(config, new dev.portguard.core.internal.sites.SiteOrigins(1));
        sinks.addListener(published);
        DestinationIndex destinations = new DestinationIndex(config.maxDestinations());
        this.watch = new HeadroomWatch(config, destinations, sinks, probe);
        this.ledger = new Ledger(config, destinations, new Detectors(config, sinks), watch);
    }

    ClientPool newPool(ClientKind kind, PoolSettings settings, String site) {
        return ledger.newPool(kind, settings, site);
    }

    HeadroomWatch headroom() {
        return watch;
    }

    List<Finding> findings() {
        return sinks.findings();
    }

    List<DestinationCounts> destinations() {
        return ledger.destinations();
    }

    List<PoolCounts> pools() {
        return ledger.pools();
    }
}
