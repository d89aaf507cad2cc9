package dev.portguard.core.headroom;

import java.util.List;

/**
 * Local port headroom toward one {@code host:port} the guarded clients talk to, from the latest probe reading and
 * the guard's own connection counts.
 *
 * @param destination                 {@code host:port}
 * @param addresses                   the IPs connections to it went to
 * @param portsHeld                   local ports inside the range held toward its busiest address; -1 unknown
 * @param timeWait                    of those, in TIME_WAIT
 * @param usablePorts                 range - reserved - bound; -1 unknown
 * @param headroom                    usable - held: new connections it can still take; -1 unknown
 * @param level                       {@code ok}, {@code low}, {@code critical} or {@code unknown}
 * @param newConnectionsPerSecond     new connections per second since the previous reading
 * @param holdSeconds                 how long a port stays taken after the client closes (TIME_WAIT, or the reuse
 *                                    delay when tw reuse applies)
 * @param steadyStatePorts            ports it will hold if the rate goes on: open + rate x share closed by the
 *                                    client x hold
 * @param secondsToExhaustion         when its ports run out at this rate; {@code null} when they do not
 * @param connectTimeouts             connects to it that timed out
 * @param connectTimeoutsWithHeadroom of those, while local headroom was fine: a possible node SNAT symptom
 * @param addressUnavailable          connects that failed with "Cannot assign requested address"
 * @param refused                     new connections protect mode refused
 */
public record DestinationHeadroom(String destination, List<String> addresses, int portsHeld, int timeWait,
                                  int usablePorts, int headroom, String level, double newConnectionsPerSecond,
                                  double holdSeconds, long steadyStatePorts, Double secondsToExhaustion,
                                  long connectTimeouts, long connectTimeoutsWithHeadroom, long addressUnavailable,
                                  long refused) {
    public DestinationHeadroom {
        addresses = List.copyOf(addresses);
    }

    /** True when connects time out here while local ports are plentiful: look at the node's SNAT. */
    public boolean snatSuspected() {
        return connectTimeoutsWithHeadroom > 0;
    }
}
