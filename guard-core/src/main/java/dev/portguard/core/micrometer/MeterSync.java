package dev.portguard.core.micrometer;

import dev.portguard.core.internal.publish.Log;
import dev.portguard.core.metrics.GuardMeter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps one registry's meters equal to the guard's: registers the new ones, removes the gone ones. Each meter
 * holds its {@link GuardMeter} strongly (held here), so a scrape reads the live counter directly. The first meter
 * the registry refuses is logged in one line; the rest of the meters and the guard's counting go on.
 */
final class MeterSync {
    private final MeterRegistry registry;
    private final Iterable<Tag> tags;
    private final Map<String, Registered> registered = new HashMap<>();
    private boolean failureLogged;

    MeterSync(MeterRegistry registry, Iterable<Tag> tags) {
        this.registry = registry;
        this.tags = tags;
    }

    synchronized void sync(List<GuardMeter> current) {
        Set<String> present = new HashSet<>();
        for (GuardMeter meter : current) {
            String id = meter.id();
            present.add(id);
            if (!registered.containsKey(id)) {
                Meter m = register(meter);
                if (m != null) {
                    registered.put(id, new Registered(meter, m));
                }
            }
        }
        for (Iterator<Map.Entry<String, Registered>> it = registered.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Registered> e = it.next();
            if (!present.contains(e.getKey())) {
                remove(e.getValue().meter);
                it.remove();
            }
        }
    }

    synchronized void removeAll() {
        for (Registered r : registered.values()) {
            remove(r.meter);
        }
        registered.clear();
    }

    private Meter register(GuardMeter meter) {
        try {
            Tags all = Tags.of(tags);
            for (GuardMeter.Tag t : meter.tags()) {
                all = all.and(t.key(), t.value());
            }
            if (meter.type() == GuardMeter.Type.COUNTER) {
                return FunctionCounter.builder(meter.name(), meter, GuardMeter::value)
                        .description(meter.description()).baseUnit(meter.baseUnit()).tags(all)
                        .register(registry);
            }
            return Gauge.builder(meter.name(), meter, GuardMeter::value).strongReference(true)
                    .description(meter.description()).baseUnit(meter.baseUnit()).tags(all)
                    .register(registry);
        } catch (RuntimeException | LinkageError e) {
            if (!failureLogged) {
                failureLogged = true;
                Log.logger().log(Level.WARNING, "PortGuard metrics: " + registry.getClass().getName()
                        + " refused meter " + meter.name() + " (" + e + "); its meters may be incomplete, counting"
                        + " goes on");
            }
            return null;
        }
    }

    private void remove(Meter meter) {
        try {
            registry.remove(meter);
        } catch (RuntimeException | LinkageError e) {
            // the registry's trouble; the meter reads a guard that keeps counting either way
        }
    }

    private record Registered(GuardMeter source, Meter meter) {
    }
}
