package dev.portguard.core.micrometer;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * PortGuard's counts as Micrometer meters, for the dashboards and alerts a service already has. Micrometer is an
 * optional dependency of guard-core: this class is the only one that needs it.
 *
 * <pre>{@code
 * new PortGuardMetrics(PortGuard.global()).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>Per destination (tag {@code destination}, {@code host:port}; bounded by {@code max.destinations}):
 * {@code portguard.requests}, {@code portguard.connections.opened}, {@code portguard.connections.reused},
 * {@code portguard.connect.failures}, {@code portguard.connect.timeouts} (function counters read from the guard at
 * each scrape, registered once per destination, never per request). Per finding type (tag {@code type}):
 * {@code portguard.findings}, the findings made. The ratio to alert on is
 * {@code rate(portguard.connections.opened) / rate(portguard.requests)} per destination.
 */
public final class PortGuardMetrics implements MeterBinder {
    private final PortGuard guard;
    private final Iterable<Tag> tags;

    public PortGuardMetrics(PortGuard guard) {
        this(guard, Tags.empty());
    }

    /** With extra tags on every meter (an application name, a pool name). */
    public PortGuardMetrics(PortGuard guard, Iterable<Tag> tags) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.tags = Objects.requireNonNull(tags, "tags");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<FindingType, AtomicLong> findings = new EnumMap<>(FindingType.class);
        for (FindingType type : FindingType.values()) {
            AtomicLong count = new AtomicLong(guard.snapshot().findings(type).size());
            findings.put(type, count);
            FunctionCounter.builder("portguard.findings", count, AtomicLong::get)
                    .description("Pool misuse findings made, by type")
                    .tags(tags).tag("type", type.name())
                    .register(registry);
        }
        guard.addListener(f -> findings.get(f.type()).incrementAndGet());
        guard.addDestinationListener(destination -> bindDestination(registry, destination));
        for (DestinationCounts d : guard.snapshot().destinations()) {
            bindDestination(registry, d.destination());
        }
    }

    private void bindDestination(MeterRegistry registry, String destination) {
        counter(registry, destination, "portguard.requests", "Requests started", DestinationCounts::requests);
        counter(registry, destination, "portguard.connections.opened", "New TCP connections established",
                DestinationCounts::connectionsOpened);
        counter(registry, destination, "portguard.connections.reused",
                "Requests served without opening a connection", DestinationCounts::connectionsReused);
        counter(registry, destination, "portguard.connect.failures", "Connect attempts that failed",
                DestinationCounts::connectFailures);
        counter(registry, destination, "portguard.connect.timeouts", "Connect attempts that timed out",
                DestinationCounts::connectTimeouts);
    }

    private void counter(MeterRegistry registry, String destination, String name, String description,
                         ToLongFunction<DestinationCounts> count) {
        // Registering twice returns the meter already there; the guard is held weakly by the meter.
        FunctionCounter.builder(name, guard,
                        g -> g.destinationCounts(destination).map(count::applyAsLong).orElse(0L).doubleValue())
                .description(description)
                .tags(tags).tag("destination", destination)
                .register(registry);
    }
}
