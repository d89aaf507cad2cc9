package dev.portguard.core.internal;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PoolCounts;

/**
 * Renders a snapshot as the {@code portguard-report/1} JSON document (see docs/report.md). Fields are only ever
 * added; readers must ignore fields they do not know.
 */
public final class ReportJson {
    public static final String SCHEMA = "portguard-report/1";

    private ReportJson() {
    }

    public static String render(GuardSnapshot snapshot) {
        Json json = new Json().beginObject()
                .field("schema", SCHEMA)
                .field("generatedAt", snapshot.takenAt().toString())
                .field("mode", snapshot.mode().configValue());
        json.name("destinations").beginArray();
        for (DestinationCounts d : snapshot.destinations()) {
            json.beginObject()
                    .field("destination", d.destination())
                    .field("requests", d.requests())
                    .field("connectionsOpened", d.connectionsOpened())
                    .field("connectionsReused", d.connectionsReused())
                    .field("connectionsClosed", d.connectionsClosed())
                    .field("connectionsClosedByClient", d.connectionsClosedByClient())
                    .field("connectFailures", d.connectFailures())
                    .field("connectTimeouts", d.connectTimeouts())
                    .field("keepAliveRefusals", d.keepAliveRefusals())
                    .endObject();
        }
        json.endArray();
        json.name("pools").beginArray();
        for (PoolCounts p : snapshot.pools()) {
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
        for (Finding f : snapshot.findings()) {
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
        return json.endObject().toString();
    }
}
