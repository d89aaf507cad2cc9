package dev.portguard.core.headroom;

import java.util.List;

/**
 * The host's port headroom as a guard last saw it: the probe's reading and each destination's headroom.
 *
 * @param probe        {@code off} (disabled by configuration), {@code waiting} (no reading yet), {@code running} or
 *                     {@code unavailable} (not Linux, or no /proc)
 * @param host         the latest reading, or {@code null} before the first
 * @param destinations the guarded destinations, least headroom first
 */
public record HeadroomReport(String probe, HostPorts host, List<DestinationHeadroom> destinations) {
    public static final HeadroomReport NONE = new HeadroomReport("off", null, List.of());

    public HeadroomReport {
        destinations = List.copyOf(destinations);
    }

    /** The headroom toward {@code host:port}, if the guard has it. */
    public java.util.Optional<DestinationHeadroom> destination(String hostAndPort) {
        return destinations.stream().filter(d -> d.destination().equals(hostAndPort)).findFirst();
    }
}
