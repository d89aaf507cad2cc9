package dev.portguard.core.internal.detect;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.internal.publish.RaisedFinding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connections taken at one code site and not given back. Its subject is the acquisition site's record, so each
 * site is reported once per client site and destination; the evidence is read live from the lease table.
 */
final class RaisedLeakFinding implements RaisedFinding {
    private final LeaseView table;
    private final AcquisitionSiteView site;
    private final long quietNanos;
    private final GuardConfig config;

    RaisedLeakFinding(LeaseView table, AcquisitionSiteView site, long quietNanos, GuardConfig config) {
        this.table = table;
        this.site = site;
        this.quietNanos = quietNanos;
        this.config = config;
    }

    @Override
    public FindingType type() {
        return FindingType.CONNECTION_LEAK;
    }

    @Override
    public Object subject() {
        return site;
    }

    @Override
    public Finding current() {
        HeldTally.Held held = site.heldQuiet(System.nanoTime(), quietNanos);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("connectionsOutstanding", held.count());
        evidence.put("oldestHeldSeconds", Evidence.seconds(held.oldestNanos()));
        evidence.put("acquisitionsFromSite", site.acquisitions());
        evidence.put("acquisitionsSampledOneIn", config.leakSample());
        evidence.put("heldWithoutReadingSeconds", Evidence.seconds(quietNanos));
        evidence.put("clientCreatedAt", table.clientSite());
        evidence.put("client", table.kind().name());
        String when = quietNanos == 0 ? "" : ", with nothing read for at least " + Evidence.seconds(quietNanos) + " s";
        String message = held.count() + " connection(s) to " + table.destination() + " taken here are still held,"
                + " the oldest for " + Evidence.seconds(held.oldestNanos()) + " s" + when + ": a response body not"
                + " closed or not read to its end keeps its connection (and its local port) out of the pool.";
        // the client's own fix where its kind names one, the generic advice otherwise
        return new Finding(FindingType.CONNECTION_LEAK, table.destination(), site.site(), message,
                table.kind().advice(FindingType.CONNECTION_LEAK), evidence);
    }

    @Override
    public boolean poolMisuse() {
        return true;
    }
}
