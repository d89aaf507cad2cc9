package dev.portguard.core.internal;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.ProtectMode;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HeadroomReport;
import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.headroom.PortExhaustedDiagnosis;
import dev.portguard.core.headroom.PortHeadroomProbe;
import dev.portguard.core.headroom.internal.ExhaustionForecast;

import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The ledger's side of port headroom. A daemon thread of its own reads the host's ports (every
 * {@code headroom.interval}), turns them into each destination's headroom and forecast, raises the headroom
 * findings, and leaves the result on each destination for hooks to read: hooks never read /proc. It also answers
 * the hooks: protect mode before a connect, and the diagnosis after a connect that found no local port.
 */
public final class HeadroomWatch {
    /** Woken probes (after a failure, or by protect mode) never come closer than this to the previous one. */
    private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long PROTECT_POLL_MILLIS = 50;

    private final GuardConfig config;
    private final Ledger ledger;
    private final Supplier<PortHeadroomProbe> probeFactory;
    private final ConcurrentLinkedQueue<HostFindingKey> raised = new ConcurrentLinkedQueue<>();
    private final Set<HostFindingKey> raisedKeys = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Long> snatLogged = new ConcurrentHashMap<>();
    private volatile HostPorts latest;
    private volatile String probeState;
    private volatile Thread thread;
    private PortHeadroomProbe probe;

    HeadroomWatch(GuardConfig config, Ledger ledger, Supplier<PortHeadroomProbe> probeFactory) {
        this.config = config;
        this.ledger = ledger;
        this.probeFactory = probeFactory;
        this.probeState = config.headroomProbe() ? "waiting" : "off";
    }

    /** Starts the probe thread once, on the first pool: a guard nobody uses costs no thread. */
    void startIfNeeded() {
        if (!config.headroomProbe() || thread != null) {
            return;
        }
        synchronized (this) {
            if (thread != null) {
                return;
            }
            Thread t = new Thread(new ProbeLoop(this, config.headroomInterval().toNanos()),
                    "portguard-headroom-probe");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /**
     * Reads the host now and re-evaluates every destination, on the caller's thread. The probe thread calls it
     * each interval; tests and tools may call it to see fresh numbers.
     */
    public synchronized HostPorts refresh() {
        if (probe == null) {
            probe = probeFactory.get();
        }
        resolveUnreportedAddresses();
        // Counted before the read: a connection opened during it is then counted as opened since the reading even
        // if the reading saw it too, which errs toward less headroom, never more.
        java.util.Map<DestinationStats, Long> openedBefore = new java.util.IdentityHashMap<>();
        Runnable count = () -> {
            for (DestinationStats d : ledger.destinationStats()) {
                openedBefore.put(d, d.counts.opened());
            }
        };
        HostPorts host;
        try {
            host = probe.read(needsSockets(), count);
        } catch (RuntimeException e) {
            host = HostPorts.unavailable(java.time.Instant.now(), "probe failed: " + e);
        }
        latest = host;
        if (!host.available()) {
            probeState = "unavailable";
            return host;
        }
        probeState = "running";
        long now = System.nanoTime();
        for (DestinationStats d : ledger.destinationStats()) {
            Long opened = openedBefore.get(d); // absent when the tables were not read: nothing is attributed then
            try {
                evaluate(d, host, now, opened == null ? d.counts.opened() : opened);
            } catch (RuntimeException e) {
                Log.logger().log(Level.DEBUG, "PortGuard headroom of " + d.destination + " not evaluated: " + e);
            }
        }
        return host;
    }

    /**
     * Some clients never report the address a connection goes to (Apache HttpClient's connection managers do not
     * see it). Their destinations get it here, once each, off the application's threads: an IP literal is parsed,
     * a name is looked up (the client's own lookup may pick another address of a round-robin name; ports held are
     * counted toward the busiest address seen).
     */
    private void resolveUnreportedAddresses() {
        for (DestinationStats d : ledger.destinationStats()) {
            if (!d.addresses().isEmpty() || d.resolveAttempted || Destinations.OVERFLOW.equals(d.destination)) {
                continue;
            }
            d.resolveAttempted = true;
            String host = Destinations.host(d.destination);
            int port = Destinations.port(d.destination);
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    d.addressSeen(new java.net.InetSocketAddress(a, port));
                }
            } catch (java.io.IOException | RuntimeException e) {
                Log.logger().log(Level.DEBUG, "PortGuard could not resolve " + d.destination + ": " + e);
            }
        }
    }

    // The socket tables are what cost; read them when some destination needs its ports attributed, or always when
    // protect mode needs the usable range to judge even a destination it has not seen yet.
    private boolean needsSockets() {
        if (config.protect() == ProtectMode.ENFORCE) {
            return true;
        }
        for (DestinationStats d : ledger.destinationStats()) {
            if (!d.addresses().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void evaluate(DestinationStats d, HostPorts host, long now, long opened) {
        if (Destinations.OVERFLOW.equals(d.destination)) {
            return;
        }
        int port = Destinations.port(d.destination);
        List<InetAddress> addresses = d.addresses();
        int held = -1;
        int tw = -1;
        boolean loopback = false;
        List<String> names = new ArrayList<>();
        for (InetAddress a : addresses) {
            names.add(a.getHostAddress());
            loopback |= a.isLoopbackAddress();
            int h = host.portsHeld(a, port);
            if (h > held) {
                held = h;
                tw = host.timeWait(a, port);
            }
        }
        int usable = host.usablePorts();
        int headroom = addresses.isEmpty() ? -1 : host.headroom(held);
        Counts c = d.counts;
        HeadroomState previous = d.headroom;
        long sinceNanos = previous != null ? now - previous.probedAtNanos : now - d.createdNanos;
        long openedBefore = previous != null ? previous.openedAtProbe : 0;
        // A window shorter than one interval (a reading woken early, a first reading) would turn a burst into a rate.
        double window = Math.max(sinceNanos, config.headroomInterval().toNanos()) / 1e9;
        double rate = Math.max(0, opened - openedBefore) / window;
        long closed = c.closed.sum();
        double clientShare = closed > 0 ? (double) c.closedByClient.sum() / closed : 1.0;
        double hold = host.timeWaitSettings().holdSeconds(loopback);
        ExhaustionForecast forecast = headroom < 0 ? new ExhaustionForecast(-1, -1, null)
                : ExhaustionForecast.of(usable, held, Math.max(0, tw), rate, clientShare, hold);
        int critical = criticalPorts(usable);
        int low = (int) Math.ceil(config.headroomLow() * Math.max(0, usable));
        String level = headroom < 0 ? HeadroomState.UNKNOWN : headroom < critical ? HeadroomState.CRITICAL
                : headroom < low ? HeadroomState.LOW : HeadroomState.OK;
        DestinationHeadroom view = new DestinationHeadroom(d.destination, names, held, tw, usable, headroom, level,
                rate, hold, forecast.steadyStatePorts(), forecast.secondsToExhaustion(), c.connectTimeouts.sum(),
                d.timeoutsWithHeadroom.sum(), d.addressUnavailable.sum(), d.refused.sum());
        d.headroom = new HeadroomState(view, opened, now, critical);

        if (!HeadroomState.OK.equals(level) && !HeadroomState.UNKNOWN.equals(level)) {
            raise(FindingType.PORT_HEADROOM_LOW, d);
        }
        Double seconds = forecast.secondsToExhaustion();
        if (seconds != null && seconds <= config.headroomHorizon().toSeconds()) {
            raise(FindingType.PORT_EXHAUSTION_FORECAST, d);
        }
        logSnatSymptom(d, view);
    }

    private void logSnatSymptom(DestinationStats d, DestinationHeadroom view) {
        long timeouts = view.connectTimeoutsWithHeadroom();
        if (timeouts == 0) {
            return;
        }
        Long logged = snatLogged.get(d.destination);
        // Once when first seen, then again each time the count doubles: visible, never a flood.
        if (logged != null && timeouts < 2 * logged) {
            return;
        }
        snatLogged.put(d.destination, timeouts);
        if (config.logLevel() != Level.OFF && Log.logger().isLoggable(config.logLevel())) {
            Log.logger().log(config.logLevel(), "PortGuard: " + timeouts + " connect timeout(s) toward " + d.destination
                    + " while " + view.headroom() + " of " + view.usablePorts() + " local ports were free: possibly"
                    + " the node's SNAT running out of ports, which shows as timeouts, not port errors. On the node,"
                    + " check conntrack insert_failed and drop rising (conntrack -S, /proc/net/stat/nf_conntrack).");
        }
    }

    private void raise(FindingType type, DestinationStats d) {
        HostFindingKey key = new HostFindingKey(type, d);
        if (!raisedKeys.add(key)) {
            return;
        }
        raised.add(key);
        ledger.publish(PortFindings.describe(type, d, latest));
    }

    /** Protect mode's check, before a new connect. Throws only in {@code protect=enforce}. */
    void beforeConnect(DestinationStats d) throws PortBudgetExceededException {
        if (config.protect() != ProtectMode.ENFORCE) {
            return;
        }
        if (!critical(d)) {
            return;
        }
        long waitNanos = config.protectWait().toNanos();
        long deadline = System.nanoTime() + waitNanos;
        wake();
        while (waitNanos > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PROTECT_POLL_MILLIS));
            if (!critical(d)) {
                return;
            }
            wake();
        }
        d.refused.increment();
        HostPorts host = latest;
        throw new PortBudgetExceededException("PortGuard protect mode refused a new connection to "
                + d.destination + ": only " + estimatedHeadroom(d, host) + " of " + usable(d, host)
                + " usable local ports are left toward it (critical below " + criticalPorts(usable(d, host)) + ", "
                + GuardConfig.PROPERTY_PREFIX + GuardConfig.PROTECT_CRITICAL + "=" + config.protectCritical()
                + "). Connections already pooled keep working; reuse them instead of opening new ones.");
    }

    private boolean critical(DestinationStats d) {
        HostPorts host = latest;
        long headroom = estimatedHeadroom(d, host);
        return headroom >= 0 && headroom < criticalPorts(usable(d, host));
    }

    /**
     * Headroom now: the destination's last reading minus the connections opened since. A destination no reading
     * has covered (new since the last probe, or one whose addresses the client never reported) counts every
     * connection it opened since that reading as a port held: cautious, and corrected by the next reading. Only
     * those since the reading: a long-lived client's lifetime total says nothing about the ports it holds now.
     */
    private static long estimatedHeadroom(DestinationStats d, HostPorts host) {
        HeadroomState s = d.headroom;
        long opened = d.counts.opened();
        if (s != null && s.known()) {
            return s.estimatedHeadroom(opened);
        }
        if (host != null && host.usablePorts() >= 0) {
            long sinceReading = s != null ? Math.max(0, opened - s.openedAtProbe) : opened;
            return Math.max(0, host.usablePorts() - sinceReading);
        }
        return -1;
    }

    private static int usable(DestinationStats d, HostPorts host) {
        HeadroomState s = d.headroom;
        return s != null && s.known() ? s.view.usablePorts() : host == null ? -1 : host.usablePorts();
    }

    private int criticalPorts(int usable) {
        return Math.max(1, (int) Math.ceil(config.protectCritical() * Math.max(0, usable)));
    }

    /** A destination went to an address not seen before: read soon, so its ports are attributed. */
    void addressAdded() {
        wake();
    }

    /** After a connect failed: counts it and, when no local port was left, attaches the diagnosis. */
    void connectFailed(DestinationStats d, Throwable failure, boolean timedOut) {
        if (timedOut) {
            HeadroomState state = d.headroom;
            if (state != null && HeadroomState.OK.equals(state.view.level())) {
                d.timeoutsWithHeadroom.increment();
            }
            return;
        }
        if (!Failures.isAddressUnavailable(failure) || alreadyDiagnosed(failure)) {
            return;
        }
        d.addressUnavailable.increment();
        wake(); // the next reading then shows the exhaustion as it is
        failure.addSuppressed(new PortExhaustedDiagnosis(PortFindings.diagnosis(d, latest, System.nanoTime())));
        raise(FindingType.PORT_EXHAUSTED, d);
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

    /** Findings of this watch, each with its evidence as it stands. */
    List<Finding> findings() {
        List<Finding> list = new ArrayList<>();
        HostPorts host = latest;
        for (HostFindingKey key : raised) {
            list.add(PortFindings.describe(key.type, key.destination, host));
        }
        return list;
    }

    public HostPorts latest() {
        return latest;
    }

    public HeadroomReport report() {
        List<DestinationHeadroom> list = new ArrayList<>();
        for (DestinationStats d : ledger.destinationStats()) {
            HeadroomState s = d.headroom;
            if (s != null) {
                DestinationHeadroom v = s.view;
                // Counters move between readings; show them as they are now.
                list.add(new DestinationHeadroom(v.destination(), v.addresses(), v.portsHeld(), v.timeWait(),
                        v.usablePorts(), v.headroom(), v.level(), v.newConnectionsPerSecond(), v.holdSeconds(),
                        v.steadyStatePorts(), v.secondsToExhaustion(), d.counts.connectTimeouts.sum(),
                        d.timeoutsWithHeadroom.sum(), d.addressUnavailable.sum(), d.refused.sum()));
            }
        }
        list.sort((a, b) -> Integer.compare(a.headroom() < 0 ? Integer.MAX_VALUE : a.headroom(),
                b.headroom() < 0 ? Integer.MAX_VALUE : b.headroom()));
        return new HeadroomReport(probeState, latest, list);
    }

    private void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void unavailable(HostPorts host) {
        if (config.logLevel() != Level.OFF && Log.logger().isLoggable(Level.INFO)) {
            Log.logger().log(Level.INFO, "PortGuard port headroom probe is unavailable and stops: "
                    + host.unknown().getOrDefault("host", "unknown reason"));
        }
    }

    private record HostFindingKey(FindingType type, DestinationStats destination) {
    }

    /**
     * The probe thread's loop. It holds the watch weakly, so a guard nobody references any more is collected and
     * its thread ends at the next tick.
     */
    private static final class ProbeLoop implements Runnable {
        private final WeakReference<HeadroomWatch> ref;
        private final long intervalNanos;

        ProbeLoop(HeadroomWatch watch, long intervalNanos) {
            this.ref = new WeakReference<>(watch);
            this.intervalNanos = intervalNanos;
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                HeadroomWatch watch = ref.get();
                if (watch == null) {
                    return;
                }
                long started = System.nanoTime();
                HostPorts host;
                try {
                    host = watch.refresh();
                } catch (RuntimeException e) {
                    Log.logger().log(Level.DEBUG, "PortGuard headroom probe failed: " + e);
                    host = null;
                }
                if (host != null && !host.available()) {
                    watch.unavailable(host);
                    return; // not Linux, or no /proc: once is enough
                }
                watch = null; // let the guard be collected while this thread sleeps
                LockSupport.parkNanos(this, intervalNanos);
                long gap;
                while ((gap = System.nanoTime() - started) < MIN_GAP_NANOS) {
                    LockSupport.parkNanos(this, MIN_GAP_NANOS - gap); // woken early: still no busier than this
                }
            }
        }
    }
}
