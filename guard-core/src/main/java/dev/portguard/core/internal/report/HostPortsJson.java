package dev.portguard.core.internal.report;

import dev.portguard.core.headroom.Conntrack;
import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.headroom.TimeWaitSettings;

/**
 * Writes a {@link HostPorts} reading as JSON fields into an open object. The report's {@code headroom} object and
 * the doctor's {@code --json} share it, so the two always agree on names. Unknown numbers are {@code -1} (or
 * {@code null} for the range), with the reason in {@code unknown}.
 */
public final class HostPortsJson {
    private HostPortsJson() {
    }

    public static void writeFields(Json json, HostPorts host) {
        json.field("available", host.available());
        json.field("probedAt", host.probedAt().toString());
        json.name("portRange");
        if (host.portRange() == null) {
            json.value(null);
        } else {
            json.beginObject()
                    .field("low", host.portRange().low())
                    .field("high", host.portRange().high())
                    .field("size", host.portRange().size())
                    .endObject();
        }
        json.field("reserved", host.reservedInRange());
        json.field("boundByListeners", host.boundInRange());
        json.field("usablePorts", host.usablePorts());
        json.field("timeWait", host.timeWait());
        json.field("established", host.established());
        json.field("socketsByState", host.socketsByState());
        TimeWaitSettings s = host.timeWaitSettings();
        json.name("timeWaitSettings").beginObject()
                .field("tcpTwReuse", s.twReuse())
                .field("tcpTwReuseDelayMs", s.twReuseDelayMs())
                .field("tcpTimestamps", s.timestamps())
                .field("tcpFinTimeoutSeconds", s.finTimeoutSeconds())
                .field("tcpMaxTwBuckets", s.maxTwBuckets())
                .field("timeWaitSeconds", s.timeWaitSeconds())
                .endObject();
        json.name("timeWaitCounters").beginObject()
                .field("timeWaitsEnded", host.counters().timeWaitsEnded())
                .field("recycled", host.counters().recycled())
                .field("overflow", host.counters().overflow())
                .endObject();
        Conntrack c = host.conntrack();
        json.name("conntrack").beginObject()
                .field("count", c.count())
                .field("max", c.max())
                .field("insertFailed", c.insertFailed())
                .field("drop", c.drop())
                .endObject();
        json.field("malformedLines", host.malformedLines());
        json.field("unknown", host.unknown());
    }
}
