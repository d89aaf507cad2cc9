package dev.portguard.core.internal.metrics;

import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.internal.headroom.HeadroomWatch;
import dev.portguard.core.internal.headroom.PortState;
import dev.portguard.core.internal.ledger.Ledger;
import dev.portguard.core.internal.ledger.TrafficView;
import dev.portguard.core.metrics.GuardMeter.Tag;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Port headroom gauges from the latest probe reading. A gauge is listed only while the reading has its value (the
 * forecast only while there is one); its reader reads the reading of the moment, NaN once it is gone.
 */
final class HeadroomMeters {
    private final HeadroomWatch watch;
    private final Ledger ledger;

    HeadroomMeters(HeadroomWatch watch, Ledger ledger) {
        this.watch = watch;
        this.ledger = ledger;
    }

    void addTo(MeterList out) {
        HostPorts host = watch.latest();
        if (host == null || !host.available()) {
            return;
        }
        hostGauge(out, host, "portguard.ports.range", "Size of the ephemeral port range",
                h -> h.portRange() == null ? -1 : h.portRange().size());
        hostGauge(out, host, "portguard.ports.usable",
                "Ephemeral ports usable for connects: range minus reserved and bound ports", HostPorts::usablePorts);
        hostGauge(out, host, "portguard.ports.time.wait", "TIME_WAIT sockets in the network namespace",
                HostPorts::timeWait);
        if (host.conntrack().count() >= 0) {
            hostGauge(out, host, "portguard.conntrack.entries", "nf_conntrack_count", h -> h.conntrack().count());
        }
        if (host.conntrack().max() >= 0) {
            hostGauge(out, host, "portguard.conntrack.limit", "nf_conntrack_max", h -> h.conntrack().max());
        }
        if (host.conntrack().insertFailed() >= 0) {
            out.counter("portguard.conntrack.insert.failed", "conntrack insert_failed summed over CPUs", List.of(),
                    () -> latest(h -> h.conntrack().insertFailed()));
        }
        for (TrafficView.Destination d : ledger.trafficByDestination()) {
            PortState ports = d.watched().ports();
            DestinationHeadroom reading = ports.reading();
            if (reading == null) {
                continue;
            }
            List<Tag> server = MeterList.server(d.destination());
            destinationGauge(out, reading, ports, server, "portguard.ports.held", null,
                    "Local ports held toward the destination's busiest address", r -> r.portsHeld());
            destinationGauge(out, reading, ports, server, "portguard.ports.headroom", null,
                    "New connections the destination can still take: usable minus held", r -> r.headroom());
            destinationGauge(out, reading, ports, server, "portguard.ports.hold", "seconds",
                    "How long a closed connection keeps its port toward the destination", r -> r.holdSeconds());
            destinationGauge(out, reading, ports, server, "portguard.ports.exhaustion.forecast", "seconds",
                    "Seconds until the destination's ports run out at the current new-connection rate",
                    r -> r.secondsToExhaustion() == null ? -1 : r.secondsToExhaustion());
        }
    }

    private void hostGauge(MeterList out, HostPorts host, String name, String description,
                           ToLongFunction<HostPorts> value) {
        if (value.applyAsLong(host) >= 0) {
            out.gauge(name, null, description, List.of(), () -> latest(value));
        }
    }

    private double latest(ToLongFunction<HostPorts> value) {
        HostPorts h = watch.latest();
        return h == null || !h.available() ? Double.NaN : MeterList.known(value.applyAsLong(h));
    }

    private static void destinationGauge(MeterList out, DestinationHeadroom reading, PortState ports, List<Tag> server,
                                         String name, String unit, String description,
                                         ToDoubleFunction<DestinationHeadroom> value) {
        if (value.applyAsDouble(reading) < 0) {
            return; // unknown now: no series rather than a false number
        }
        out.gauge(name, unit, description, server, () -> {
            DestinationHeadroom r = ports.reading();
            double v = r == null ? -1 : value.applyAsDouble(r);
            return v < 0 ? Double.NaN : v;
        });
    }
}
