package dev.portguard.core.internal.detect;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.internal.publish.Publisher;
import dev.portguard.core.spi.Endpoints;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Looks at every lease table and raises {@code CONNECTION_LEAK} for each acquisition site holding connections with
 * no read progress past {@code leak.age}, once {@code leak.count} of them are held on one site and destination.
 * Runs on the leak watch's thread (or a test harness's), never on a request: a look is a scan of fixed tables.
 */
public final class LeakDetector {
    private final GuardConfig config;
    private final Publisher publisher;
    private final Supplier<List<? extends LeaseView>> tables;

    public LeakDetector(GuardConfig config, Publisher publisher, Supplier<List<? extends LeaseView>> tables) {
        this.config = config;
        this.publisher = publisher;
        this.tables = tables;
    }

    /** The bounds from the settings: what the watch uses. */
    public void look(long nowNanos) {
        look(nowNanos, config.leakAge().toNanos(), config.leakCount(), false);
    }

    /**
     * One look with the given bounds. {@code attributeAll} also raises for leases whose site was not sampled (as
     * {@code unknown}): a test harness looking at the end of a test has no later acquisition to sample.
     */
    public void look(long nowNanos, long quietNanos, int count, boolean attributeAll) {
        HeldTally tally = new HeldTally();
        for (LeaseView table : tables.get()) {
            if (Endpoints.OTHER.equals(table.destination())) {
                continue; // many destinations in one bucket: their leases are not one site's misuse toward one place
            }
            tally.clear();
            table.heldQuiet(nowNanos, quietNanos, tally);
            if (tally.total() < count) {
                continue;
            }
            if (tally.unattributed() > 0) {
                table.recordNextSites(); // the next acquisitions here say where they come from
            }
            for (Map.Entry<String, HeldTally.Held> e : tally.bySite().entrySet()) {
                raise(table, table.acquisitionSite(e.getKey()), quietNanos);
            }
            if (attributeAll && tally.unattributed() > 0) {
                raise(table, table.acquisitionSite(null), quietNanos);
            }
        }
    }

    private void raise(LeaseView table, AcquisitionSiteView site, long quietNanos) {
        try {
            publisher.raise(new RaisedLeakFinding(table, site, quietNanos, config));
        } catch (PoolMisuseException strict) {
            // strict mode throws for pool misuse; there is no application call here to fail, and the finding is
            // booked, so test harnesses fail the test that leaked
        } catch (RuntimeException e) {
            // a sink's trouble must not stop the look at the other tables
        }
    }
}
