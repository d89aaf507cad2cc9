package dev.portguard.core.micrometer;

import dev.portguard.core.PortGuard;
import dev.portguard.core.Registration;
import dev.portguard.core.metrics.GuardMeter;
import dev.portguard.core.metrics.GuardMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PortGuard's meters (docs/metrics.md) in a Micrometer registry, for the dashboards and alerts a service already
 * has. Micrometer is an optional dependency of guard-core: only this package needs it.
 *
 * <pre>{@code
 * PortGuardMetrics metrics = new PortGuardMetrics(PortGuard.global());
 * metrics.bindTo(meterRegistry);
 * // ...
 * metrics.close(); // removes every meter it registered
 * }</pre>
 *
 * <p>Counters are function counters and gauges read the guard's own counters or its latest probe reading at each
 * scrape. Meters are registered when a destination, a site or a finding first appears (on the guard's metrics
 * thread, never on a request), and headroom gauges follow the probe's readings: a forecast's gauge exists only
 * while there is a forecast. A registry that refuses a meter is one log line; the guard counts on regardless.
 */
public final class PortGuardMetrics implements MeterBinder, AutoCloseable {
    private final GuardMeters meters;
    private final Iterable<Tag> tags;
    private final List<BoundRegistry> bound = new ArrayList<>();

    public PortGuardMetrics(PortGuard guard) {
        this(guard, Tags.empty());
    }

    /** With extra tags on every meter (an application name, a pool name). */
    public PortGuardMetrics(PortGuard guard, Iterable<Tag> tags) {
        this.meters = Objects.requireNonNull(guard, "guard").meters();
        this.tags = Objects.requireNonNull(tags, "tags");
    }

    /** Registers every meter that exists now, and later ones as they appear. Binding a registry twice is harmless. */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        for (BoundRegistry b : bound) {
            if (b.registry == registry) {
                return;
            }
        }
        BoundRegistry b = new BoundRegistry(registry, tags);
        bound.add(b);
        b.sync(meters.current());
        b.changes = meters.onChange(() -> b.sync(meters.current()));
    }

    /** Removes every meter this binder registered, from every registry it was bound to, and stops following. */
    @Override
    public synchronized void close() {
        for (BoundRegistry b : bound) {
            Registration changes = b.changes;
            if (changes != null) {
                changes.close();
            }
            b.removeAll();
        }
        bound.clear();
    }

    /** The meters of one registry, in step with the guard's. */
    private static final class BoundRegistry {
        final MeterRegistry registry;
        final Iterable<Tag> tags;
        final MeterSync sync;
        volatile Registration changes;

        BoundRegistry(MeterRegistry registry, Iterable<Tag> tags) {
            this.registry = registry;
            this.tags = tags;
            this.sync = new MeterSync(registry, tags);
        }

        void sync(List<GuardMeter> current) {
            sync.sync(current);
        }

        void removeAll() {
            sync.removeAll();
        }
    }
}
