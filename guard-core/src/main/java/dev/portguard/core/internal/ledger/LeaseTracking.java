package dev.portguard.core.internal.ledger;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.internal.detect.LeaseView;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How leases are tracked for leak detection: the table size and sampling, and every table made so far (one per
 * site and destination at most, so bounded by {@code max.routes}) for the leak detector to look at.
 */
final class LeaseTracking {
    final int tracked;
    final int sampleEvery;
    private final CopyOnWriteArrayList<LeaseTable> tables = new CopyOnWriteArrayList<>();
    private final Runnable firstTable;

    LeaseTracking(GuardConfig config, Runnable firstTable) {
        this.tracked = config.leakTracked();
        this.sampleEvery = config.leakSample();
        this.firstTable = firstTable;
    }

    /** Rare: once per site and destination, under the route's lock. */
    void tableMade(LeaseTable table) {
        tables.add(table);
        if (tables.size() == 1) {
            firstTable.run();
        }
    }

    List<? extends LeaseView> tables() {
        return tables;
    }
}
