package dev.portguard.core.internal.metrics;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.Registration;
import dev.portguard.core.internal.headroom.HeadroomWatch;
import dev.portguard.core.internal.ledger.DestinationIndex;
import dev.portguard.core.internal.ledger.Ledger;
import dev.portguard.core.internal.mitigate.Mitigations;
import dev.portguard.core.internal.publish.Sinks;
import dev.portguard.core.metrics.GuardMeter;
import dev.portguard.core.metrics.GuardMeters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The meters of docs/metrics.md over the guard's stages. Changes (a new destination, site, pair or finding, a
 * probe reading, a reset) are passed to the listeners on one daemon thread of its own, never on the thread where
 * they happened: a binder registering meters must neither slow an application thread nor take a lock the ledger
 * holds. The thread exists only while listeners are told, and ends after a minute without changes.
 */
public final class MeterModel implements GuardMeters {
    private final List<GuardMeter.Tag> identity;
    private final TrafficMeters traffic;
    private final HeadroomMeters headroom;
    private final FindingMeters findings;
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Runnable tell = this::tellListeners;
    private final ThreadPoolExecutor thread;

    private final MitigationMeters mitigation;

    public MeterModel(GuardConfig config, Ledger ledger, DestinationIndex destinations, Sinks sinks,
                      HeadroomWatch watch, Map<String, String> env) {
        this(config, ledger, destinations, sinks, watch, null, env);
    }

    public MeterModel(GuardConfig config, Ledger ledger, DestinationIndex destinations, Sinks sinks,
                      HeadroomWatch watch, Mitigations mitigations, Map<String, String> env) {
        this.mitigation = mitigations == null ? null : new MitigationMeters(mitigations);
        if (mitigations != null) {
            mitigations.onDecision(this::changed);
        }
        this.identity = Identity.tags(env);
        this.traffic = new TrafficMeters(ledger, config.maxSites());
        this.headroom = new HeadroomMeters(watch, ledger);
        this.findings = new FindingMeters(sinks, config.maxSites());
        this.thread = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "portguard-metrics");
            t.setDaemon(true);
            return t;
        });
        destinations.addListener(name -> changed());
        ledger.addShapeListener(this::changed);
        watch.addReadingListener(this::changed);
        sinks.addListener(finding -> {
            findings.made(finding);
            changed();
        });
    }

    @Override
    public List<GuardMeter> current() {
        MeterList out = new MeterList(identity);
        traffic.addTo(out);
        headroom.addTo(out);
        findings.addTo(out);
        if (mitigation != null) {
            mitigation.addTo(out);
        }
        return out.meters;
    }

    @Override
    public Registration onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Something the meters follow changed: tell the listeners soon, on the metrics thread. Cheap and rare. */
    public void changed() {
        if (!listeners.isEmpty() && pending.compareAndSet(false, true)) {
            try {
                thread.execute(tell);
            } catch (RuntimeException e) {
                pending.set(false);
            }
        }
    }

    private void tellListeners() {
        pending.set(false); // a change during the telling schedules another
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException | LinkageError e) {
                // a listener's trouble is its own (the binder logs its own failures once)
            }
        }
    }
}
