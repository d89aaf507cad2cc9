package dev.portguard.core.internal.headroom;

import dev.portguard.core.FindingType;
import dev.portguard.core.headroom.HeadroomLevels;
import dev.portguard.core.headroom.PortExhaustedDiagnosis;
import dev.portguard.core.spi.ConnectFailures;

/**
 * After a failed connect: counts timeouts that came while headroom was fine (the SNAT symptom) and, when no local
 * port was left, attaches the diagnosis to the application's exception and raises {@code PORT_EXHAUSTED}.
 */
final class ExhaustionDiagnosis {
    private final HeadroomEvaluation evaluation;
    private final ProbeThread probeThread;

    ExhaustionDiagnosis(HeadroomEvaluation evaluation, ProbeThread probeThread) {
        this.evaluation = evaluation;
        this.probeThread = probeThread;
    }

    void connectFailed(WatchedDestination d, Throwable failure, boolean timedOut) {
        PortState ports = d.ports();
        if (timedOut) {
            HeadroomState state = ports.headroom;
            if (state != null && HeadroomLevels.OK.equals(state.view.level())) {
                ports.timeoutsWithHeadroom.increment();
            }
            return;
        }
        if (!ConnectFailures.isAddressUnavailable(failure) || alreadyDiagnosed(failure)) {
            return;
        }
        ports.addressUnavailable.increment();
        probeThread.wake(); // the next reading then shows the exhaustion as it is
        failure.addSuppressed(new PortExhaustedDiagnosis(
                PortFindings.diagnosis(d, evaluation.latest(), System.nanoTime())));
        evaluation.raise(FindingType.PORT_EXHAUSTED, d);
    }

    /**
     * The same exception can be reported twice: the javaagent sees it fail at the socket, then the client's own
     * hook reports it again. Only the first report counts it and attaches the diagnosis.
     */
    private static boolean alreadyDiagnosed(Throwable failure) {
        for (Throwable s : failure.getSuppressed()) {
            if (s instanceof PortExhaustedDiagnosis) {
                return true;
            }
        }
        return false;
    }
}
