package dev.portguard.core.internal.headroom;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.ProtectMode;
import dev.portguard.core.headroom.HeadroomLevels;
import dev.portguard.core.headroom.HostPorts;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Protect mode: before a new connect, refuses it when the destination's headroom is critical (after waiting up to
 * {@code protect.wait} for it to come back). Judges from the latest reading and the connections opened since, and
 * reads again before a refusal that only the connections opened during the reading would justify.
 */
final class ProtectGate {
    private static final long POLL_MILLIS = 50;

    private final GuardConfig config;
    private final HeadroomEvaluation evaluation;
    private final ProbeThread probeThread;
    private final AtomicBoolean rereading = new AtomicBoolean();

    ProtectGate(GuardConfig config, HeadroomEvaluation evaluation, ProbeThread probeThread) {
        this.config = config;
        this.evaluation = evaluation;
        this.probeThread = probeThread;
    }

    /** Throws only in {@code protect=enforce}. */
    void beforeConnect(WatchedDestination d) throws PortBudgetExceededException {
        if (config.protect() != ProtectMode.ENFORCE) {
            return;
        }
        if (!critical(d)) {
            return;
        }
        if (doubtful(d) && rereading.compareAndSet(false, true)) {
            // The reading ran while connections were opened, and it may have seen them as well as counting them
            // as opened since: under CPU pressure that refused with 20 of 50 ports free. Read again before refusing
            // on that doubt. Only a call about to be refused waits, for one reading, and one such call at a time:
            // the others judge from the reading they have, as before.
            try {
                evaluation.refresh();
            } finally {
                rereading.set(false);
            }
            if (!critical(d)) {
                return;
            }
        }
        long waitNanos = config.protectWait().toNanos();
        long deadline = System.nanoTime() + waitNanos;
        probeThread.wake();
        while (waitNanos > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            if (!critical(d)) {
                return;
            }
            probeThread.wake();
        }
        d.ports().refused.increment();
        HostPorts host = evaluation.latest();
        int usable = usable(d, host);
        throw new PortBudgetExceededException("PortGuard protect mode refused a new connection to "
                + d.destination() + ": only " + estimatedHeadroom(d, host) + " of " + usable
                + " usable local ports are left toward it (critical below "
                + HeadroomLevels.criticalPorts(config, usable) + ", " + GuardConfig.PROPERTY_PREFIX
                + GuardConfig.PROTECT_CRITICAL + "=" + config.protectCritical()
                + "). Connections already pooled keep working; reuse them instead of opening new ones.");
    }

    private boolean critical(WatchedDestination d) {
        HostPorts host = evaluation.latest();
        long headroom = estimatedHeadroom(d, host);
        return headroom >= 0 && headroom < HeadroomLevels.criticalPorts(config, usable(d, host));
    }

    /** Critical only because of the connections opened while the latest reading ran. */
    private boolean doubtful(WatchedDestination d) {
        HeadroomState s = d.ports().headroom;
        return s != null && s.known()
                && s.optimisticHeadroom(d.opened()) >= HeadroomLevels.criticalPorts(config, s.view.usablePorts());
    }

    /**
     * Headroom now: the destination's last reading minus the connections opened since. A destination no reading
     * has covered (new since the last probe, or one whose addresses the client never reported) counts every
     * connection it opened since that reading as a port held: cautious, and corrected by the next reading. Only
     * those since the reading: a long-lived client's lifetime total says nothing about the ports it holds now.
     */
    private static long estimatedHeadroom(WatchedDestination d, HostPorts host) {
        HeadroomState s = d.ports().headroom;
        long opened = d.opened();
        if (s != null && s.known()) {
            return s.estimatedHeadroom(opened);
        }
        if (host != null && host.usablePorts() >= 0) {
            long sinceReading = s != null ? Math.max(0, opened - s.openedAtProbe) : opened;
            return Math.max(0, host.usablePorts() - sinceReading);
        }
        return -1;
    }

    private static int usable(WatchedDestination d, HostPorts host) {
        HeadroomState s = d.ports().headroom;
        return s != null && s.known() ? s.view.usablePorts() : host == null ? -1 : host.usablePorts();
    }
}
