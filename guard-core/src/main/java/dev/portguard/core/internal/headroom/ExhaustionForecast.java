package dev.portguard.core.internal.headroom;

/**
 * When a destination's local ports run out if its rate of new connections goes on. Each connection the client
 * closes keeps its port for {@code holdSeconds} (TIME_WAIT's 60 s, or the reuse delay when tw reuse applies), so
 * ports held settle at {@code open + rate x clientCloseShare x hold}. If that fits in the usable range nothing runs
 * out; if it does not, the headroom shrinks by the ports entering TIME_WAIT minus those leaving it (about
 * {@code timeWait / hold} per second).
 *
 * @param steadyStatePorts    ports held once the rate has gone on for a whole hold period
 * @param sustainableRate     new connections per second the usable range can carry, at this share and hold
 * @param secondsToExhaustion seconds until no port is left, or {@code null} when the steady state fits
 */
record ExhaustionForecast(long steadyStatePorts, double sustainableRate, Double secondsToExhaustion) {

    /**
     * @param usable           ports the destination can use at most (range - reserved - bound)
     * @param held             ports held toward it now
     * @param timeWait         of those, in TIME_WAIT
     * @param rate             new connections per second
     * @param clientCloseShare share of its connections the client closes first (the TIME_WAIT lands on the client)
     * @param holdSeconds      seconds a port stays taken after the client closes
     */
    static ExhaustionForecast of(int usable, int held, int timeWait, double rate, double clientCloseShare,
                                        double holdSeconds) {
        int open = Math.max(0, held - timeWait);
        double churn = Math.max(0, rate) * clamp(clientCloseShare);
        double hold = holdSeconds > 0 ? holdSeconds : 60;
        long steady = Math.round(open + churn * hold);
        double sustainable = clamp(clientCloseShare) > 0
                ? Math.max(0, usable - open) / hold / clamp(clientCloseShare) : Double.POSITIVE_INFINITY;
        if (steady < usable || churn == 0) {
            return new ExhaustionForecast(steady, sustainable, null);
        }
        int headroom = Math.max(0, usable - held);
        if (headroom == 0) {
            return new ExhaustionForecast(steady, sustainable, 0.0);
        }
        double net = churn - timeWait / hold;
        if (net <= 0) {
            return new ExhaustionForecast(steady, sustainable, null);
        }
        return new ExhaustionForecast(steady, sustainable, headroom / net);
    }

    private static double clamp(double share) {
        return Double.isNaN(share) ? 1 : Math.max(0, Math.min(1, share));
    }
}
