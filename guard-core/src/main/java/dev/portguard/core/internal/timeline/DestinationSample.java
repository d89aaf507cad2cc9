package dev.portguard.core.internal.timeline;

/**
 * One destination in one sample.
 *
 * @param destination                {@code host:port}
 * @param requestsPerSecond          requests started per second since the previous sample
 * @param connectionsOpenedPerSecond new connections per second since the previous sample
 * @param portsHeld                  local ports held toward it at the probe's latest reading; -1 unknown
 * @param usablePorts                the local ports it can use at all; -1 unknown
 * @param timeWait                   of the ports held, those in TIME_WAIT; -1 unknown
 * @param headroom                   usable - held; -1 unknown
 * @param secondsToExhaustion        when its ports run out at this rate; {@code null} when they do not
 */
public record DestinationSample(String destination, double requestsPerSecond, double connectionsOpenedPerSecond,
                                int portsHeld, int usablePorts, int timeWait, int headroom,
                                Double secondsToExhaustion) {
}
