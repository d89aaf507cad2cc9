package dev.portguard.core.internal.report;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.GuardMode;
import dev.portguard.core.PoolCounts;
import dev.portguard.core.PoolSiteCounts;
import dev.portguard.core.SiteMitigation;
import dev.portguard.core.headroom.HeadroomReport;
import dev.portguard.core.internal.timeline.DestinationSample;
import dev.portguard.core.internal.timeline.TimelineEvent;
import dev.portguard.core.internal.timeline.TimelineSample;
import dev.portguard.core.internal.timeline.TimelineView;

import java.time.Instant;
import java.util.List;

/**
 * Renders a snapshot's parts as the {@code portguard-report/1} JSON document (see docs/report.md). Fields are
 * only ever added; readers must ignore fields they do not know. It takes the parts, not the snapshot, so the snapshot
 * and this renderer do not depend on each other both ways.
 */
public final class ReportJson {
    public static final String SCHEMA = "portguard-report/1";

    private ReportJson() {
    }

    /** Live pools listed per creation site in the report; the site's line in {@code poolSites} counts them all. */
    public static final int POOLS_PER_SITE = 5;

    public static String render(Instant takenAt, GuardMode mode, List<Finding> findings,
                                List<DestinationCounts> destinations, List<PoolCounts> pools,
                                List<PoolSiteCounts> poolSites, HeadroomReport headroom) {
        return render(takenAt, mode, findings, destinations, pools, poolSites, headroom, TimelineView.NONE);
    }

    public static String render(Instant takenAt, GuardMode mode, List<Finding> findings,
                                List<DestinationCounts> destinations, List<PoolCounts> pools,
                                List<PoolSiteCounts> poolSites, HeadroomReport headroom, TimelineView timeline) {
        Json json = new Json().beginObject()
                .field("schema", SCHEMA)
                .field("generatedAt", takenAt.toString())
                .field("mode", mode.configValue());
        json.name("destinations").beginArray();
        for (DestinationCounts d : destinations) {
            json.beginObject()
                    .field("destination", d.destination())
                    .field("requests", d.requests())
                    .field("connectionsOpened", d.connectionsOpened())
                    .field("connectionsReused", d.connectionsReused())
                    .field("connectionsClosed", d.connectionsClosed())
                    .field("connectionsClosedByClient", d.connectionsClosedByClient())
                    .field("connectFailures", d.connectFailures())
                    .field("connectTimeouts", d.connectTimeouts())
                    .field("keepAliveRefusals", d.keepAliveRefusals());
            json.name("protocols").beginArray();
            for (String protocol : d.protocols()) {
                json.value(protocol);
            }
            json.endArray().endObject();
        }
        json.endArray();
        json.name("poolSites").beginArray();
        for (PoolSiteCounts site : poolSites) {
            json.beginObject()
                    .field("client", site.client())
                    .field("site", site.site())
                    .field("created", site.created())
                    .field("live", site.live())
                    .field("closed", site.closed());
            SiteMitigation m = site.mitigation();
            if (m != null) {
                json.field("mitigated", m.mitigated());
                if (m.mitigated()) {
                    json.name("mitigation").beginObject()
                            .field("sharedPoolSize", m.sharedPoolSize())
                            .field("clientsShared", m.clientsShared())
                            .field("requestsBefore", m.requestsBefore())
                            .field("connectionsOpenedBefore", m.connectionsOpenedBefore())
                            .field("requestsAfter", m.requestsAfter())
                            .field("connectionsOpenedAfter", m.connectionsOpenedAfter())
                            .field("connectionsSaved", m.connectionsSaved())
                            .endObject();
                } else {
                    json.field("notMitigatedBecause", m.reason());
                }
            }
            json.endObject();
        }
        json.endArray();
        json.name("pools").beginArray();
        for (PoolCounts p : busiestPerSite(pools)) {
            json.beginObject()
                    .field("client", p.client())
                    .field("site", p.site())
                    .field("maxIdle", p.maxIdle())
                    .field("requests", p.requests())
                    .field("connectionsOpened", p.connectionsOpened())
                    .field("connectionsReused", p.connectionsReused())
                    .field("inUse", p.inUse())
                    .field("peakInUse", p.peakInUse())
                    .endObject();
        }
        json.endArray();
        json.name("findings").beginArray();
        for (Finding f : findings) {
            json.beginObject()
                    .field("type", f.type().name())
                    .field("destination", f.destination())
                    .field("site", f.site())
                    .field("message", f.message())
                    .field("advice", f.advice())
                    .field("evidence", f.evidence())
                    .endObject();
        }
        json.endArray();
        writeHeadroom(json, headroom);
        writeTimeline(json, timeline);
        return json.endObject().toString();
    }

    /**
     * At most {@link #POOLS_PER_SITE} live pools of each site, busiest first: a client built per call would
     * otherwise fill the report with one entry per request.
     */
    private static List<PoolCounts> busiestPerSite(List<PoolCounts> pools) {
        List<PoolCounts> sorted = new java.util.ArrayList<>(pools);
        sorted.sort((a, b) -> Long.compare(b.requests(), a.requests()));
        java.util.Map<String, Integer> listed = new java.util.HashMap<>();
        List<PoolCounts> kept = new java.util.ArrayList<>();
        for (PoolCounts p : sorted) {
            if (listed.merge(p.site(), 1, Integer::sum) <= POOLS_PER_SITE) {
                kept.add(p);
            }
        }
        return kept;
    }

    private static void writeHeadroom(Json json, dev.portguard.core.headroom.HeadroomReport report) {
        json.name("headroom").beginObject().field("probe", report.probe());
        json.name("host");
        if (report.host() == null) {
            json.value(null);
        } else {
            json.beginObject();
            HostPortsJson.writeFields(json, report.host());
            json.endObject();
        }
        json.name("destinations").beginArray();
        for (dev.portguard.core.headroom.DestinationHeadroom d : report.destinations()) {
            json.beginObject()
                    .field("destination", d.destination())
                    .field("addresses", String.join(",", d.addresses()))
                    .field("portsHeld", d.portsHeld())
                    .field("timeWait", d.timeWait())
                    .field("usablePorts", d.usablePorts())
                    .field("headroom", d.headroom())
                    .field("level", d.level())
                    .field("newConnectionsPerSecond", Math.round(d.newConnectionsPerSecond() * 100) / 100.0)
                    .field("holdSeconds", d.holdSeconds())
                    .field("steadyStatePorts", d.steadyStatePorts())
                    .field("secondsToExhaustion", d.secondsToExhaustion())
                    .field("connectTimeouts", d.connectTimeouts())
                    .field("connectTimeoutsWithHeadroom", d.connectTimeoutsWithHeadroom())
                    .field("snatSuspected", d.snatSuspected())
                    .field("addressUnavailable", d.addressUnavailable())
                    .field("refused", d.refused())
                    .endObject();
        }
        json.endArray().endObject();
    }

    private static void writeTimeline(Json json, TimelineView timeline) {
        json.name("timeline").beginObject()
                .field("intervalSeconds", timeline.interval().toMillis() / 1000.0)
                .field("windowSeconds", timeline.window().toSeconds());
        json.name("samples").beginArray();
        for (TimelineSample sample : timeline.samples()) {
            json.beginObject().field("at", sample.at().toString());
            json.name("destinations").beginArray();
            for (DestinationSample d : sample.destinations()) {
                json.beginObject()
                        .field("destination", d.destination())
                        .field("requestsPerSecond", d.requestsPerSecond())
                        .field("connectionsOpenedPerSecond", d.connectionsOpenedPerSecond())
                        .field("portsHeld", d.portsHeld())
                        .field("usablePorts", d.usablePorts())
                        .field("timeWait", d.timeWait())
                        .field("headroom", d.headroom())
                        .field("secondsToExhaustion", d.secondsToExhaustion())
                        .endObject();
            }
            json.endArray().endObject();
        }
        json.endArray();
        json.name("events").beginArray();
        for (TimelineEvent e : timeline.events()) {
            json.beginObject()
                    .field("at", e.at().toString())
                    .field("type", e.type())
                    .field("destination", e.destination())
                    .field("site", e.site())
                    .field("message", e.message())
                    .field("fix", e.fix())
                    .endObject();
        }
        json.endArray().endObject();
    }
}
