package dev.portguard.core.internal.headroom;

import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.ProtectMode;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HeadroomLevels;
import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.headroom.PortHeadroomProbe;
import dev.portguard.core.internal.publish.Publisher;
import dev.portguard.core.spi.Endpoints;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a reading of the host's ports into each destination's headroom and forecast, leaves the result on the
 * destination for hooks to read (hooks never read /proc), and raises the headroom findings.
 */
final class HeadroomEvaluation {
    /** The same floor as the {@code PortGuardConnectTimeoutsWithHeadroom} alert. */
    static final int SNAT_MIN_TIMEOUTS = 3;
    private final GuardConfig config;
    private final DestinationDirectory directory;
    private final Publisher publisher;
    private final Supplier<PortHeadroomProbe> probeFactory;
    private volatile HostPorts latest;
    private volatile String probeState;
    private PortHeadroomProbe probe;
    private volatile java.util.function.Consumer<Boolean> ticker;
    private final java.util.concurrent.CopyOnWriteArrayList<Runnable> readingListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    HeadroomEvaluation(GuardConfig config, DestinationDirectory directory, Publisher publisher,
                       Supplier<PortHeadroomProbe> probeFactory) {
        this.config = config;
        this.directory = directory;
        this.publisher = publisher;
        this.probeFactory = probeFactory;
        this.probeState = config.headroomProbe() ? "waiting" : "off";
    }

    HostPorts latest() {
        return latest;
    }

    String probeState() {
        return probeState;
    }

    Publisher publisher() {
        return publisher;
    }

    void addReadingListener(Runnable listener) {
        readingListeners.add(listener);
    }

    void removeReadingListener(Runnable listener) {
        readingListeners.remove(listener);
    }

    void setTicker(java.util.function.Consumer<Boolean> ticker) {
        this.ticker = ticker;
    }

    /**
     * Runs the ticker (the timeline's sampler): {@code now} for an explicit reading, which should end the timeline.
     * Its failure is noted, never thrown.
     */
    void tick(boolean now) {
        java.util.function.Consumer<Boolean> t = ticker;
        if (t == null) {
            return;
        }
        try {
            t.accept(now);
        } catch (RuntimeException | LinkageError e) {
            publisher.note(Level.DEBUG, "PortGuard timeline sample failed: " + e);
        }
    }

    /** Reads the host now, re-evaluates every destination, then tells the reading listeners. */
    HostPorts refresh() {
        HostPorts host = read();
        for (Runnable listener : readingListeners) {
            try {
                listener.run();
            } catch (RuntimeException | LinkageError e) {
                publisher.note(Level.DEBUG, "PortGuard headroom reading listener failed: " + e);
            }
        }
        return host;
    }

    private synchronized HostPorts read() {
        if (probe == null) {
            probe = probeFactory.get();
        }
        resolveUnreportedAddresses();
        // Counted before the read: a connection opened during it is then counted as opened since the reading even
        // if the reading saw it too, which errs toward less headroom, never more.
        Map<WatchedDestination, Long> openedBefore = new IdentityHashMap<>();
        Runnable count = () -> {
            for (WatchedDestination d : directory.destinations()) {
                openedBefore.put(d, d.opened());
            }
        };
        HostPorts host;
        try {
            host = probe.read(needsSockets(), count);
        } catch (RuntimeException e) {
            host = HostPorts.unavailable(java.time.Instant.now(), "probe failed: " + e);
        }
        Map<WatchedDestination, Long> openedAfter = new IdentityHashMap<>();
        for (WatchedDestination d : openedBefore.keySet()) {
            openedAfter.put(d, d.opened());
        }
        latest = host;
        if (!host.available()) {
            probeState = "unavailable";
            return host;
        }
        probeState = "running";
        long now = System.nanoTime();
        for (WatchedDestination d : directory.destinations()) {
            Long opened = openedBefore.get(d); // absent when the tables were not read: nothing is attributed then
            try {
                long before = opened == null ? d.opened() : opened;
                evaluate(d, host, now, before, openedAfter.getOrDefault(d, before));
            } catch (RuntimeException e) {
                publisher.note(Level.DEBUG, "PortGuard headroom of " + d.destination() + " not evaluated: " + e);
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
        for (WatchedDestination d : directory.destinations()) {
            PortState ports = d.ports();
            if (!d.addresses().isEmpty() || ports.resolveAttempted || d.overflow()) {
                continue;
            }
            ports.resolveAttempted = true;
            String host = Endpoints.host(d.destination());
            int port = Endpoints.port(d.destination());
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    d.addressSeen(new InetSocketAddress(a, port));
                }
            } catch (java.io.IOException | RuntimeException e) {
                publisher.note(Level.DEBUG, "PortGuard could not resolve " + d.destination() + ": " + e);
            }
        }
    }

    // The socket tables are what cost; read them when some destination needs its ports attributed, or always when
    // protect mode needs the usable range to judge even a destination it has not seen yet.
    private boolean needsSockets() {
        if (config.protect() == ProtectMode.ENFORCE) {
            return true;
        }
        for (WatchedDestination d : directory.destinations()) {
            if (!d.addresses().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void evaluate(WatchedDestination d, HostPorts host, long now, long opened, long openedAfter) {
        if (d.overflow()) {
            return;
        }
        int port = Endpoints.port(d.destination());
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
        PortState ports = d.ports();
        HeadroomState previous = ports.headroom;
        long sinceNanos = previous != null ? now - previous.probedAtNanos : now - d.createdNanos();
        long openedBefore = previous != null ? previous.openedAtProbe : 0;
        // A window shorter than one interval (a reading woken early, a first reading) would turn a burst into a rate.
        double window = Math.max(sinceNanos, config.headroomInterval().toNanos()) / 1e9;
        double rate = Math.max(0, opened - openedBefore) / window;
        long closed = d.closed();
        double clientShare = closed > 0 ? (double) d.closedByClient() / closed : 1.0;
        double hold = host.timeWaitSettings().holdSeconds(loopback);
        ExhaustionForecast forecast = headroom < 0 ? new ExhaustionForecast(-1, -1, null)
                : ExhaustionForecast.of(usable, held, Math.max(0, tw), rate, clientShare, hold);
        int critical = HeadroomLevels.criticalPorts(config, usable);
        String level = HeadroomLevels.level(config, headroom, usable);
        DestinationHeadroom view = new DestinationHeadroom(d.destination(), names, held, tw, usable, headroom, level,
                rate, hold, forecast.steadyStatePorts(), forecast.secondsToExhaustion(), d.connectTimeouts(),
                ports.timeoutsWithHeadroom.sum(), ports.addressUnavailable.sum(), ports.refused.sum());
        ports.headroom = new HeadroomState(view, opened, openedAfter, now, critical);

        if (!HeadroomLevels.OK.equals(level) && !HeadroomLevels.UNKNOWN.equals(level)) {
            raise(FindingType.PORT_HEADROOM_LOW, d);
        }
        Double seconds = forecast.secondsToExhaustion();
        if (seconds != null && seconds <= config.headroomHorizon().toSeconds()) {
            raise(FindingType.PORT_EXHAUSTION_FORECAST, d);
        }
        snatSymptom(d, view);
    }

    /**
     * Connect timeouts while local headroom was fine, {@value #SNAT_MIN_TIMEOUTS} or more of them: a lone timeout is
     * network weather, a run of them toward one destination with ports to spare points past the host.
     */
    private void snatSymptom(WatchedDestination d, DestinationHeadroom view) {
        if (view.connectTimeoutsWithHeadroom() >= SNAT_MIN_TIMEOUTS) {
            raise(FindingType.SNAT_SUSPECTED, d);
        }
    }

    void raise(FindingType type, WatchedDestination d) {
        publisher.raise(new RaisedPortFinding(type, d, this::latest));
    }
}
