package dev.portguard.core.metrics;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * One meter of docs/metrics.md as it stands: its Micrometer name, type, unit, tags (identity tags included) and
 * where its value is read. The value is read from the guard's own counters or latest probe reading each time
 * {@link #value()} is called; {@link Double#NaN} means "no sample now".
 *
 * @param name        Micrometer's dotted name, {@code portguard.connections.opened}
 * @param baseUnit    {@code seconds}, or {@code null} for counts
 * @param tags        in a stable order; keys are OpenTelemetry attribute names where one exists
 */
public record GuardMeter(String name, Type type, String baseUnit, String description, List<Tag> tags,
                         DoubleSupplier reader) {
    /** Counters only go up (a reset of the guard between tests aside); gauges are the latest value. */
    public enum Type { COUNTER, GAUGE }

    /** One tag. */
    public record Tag(String key, String value) {
        public Tag {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public GuardMeter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
        Objects.requireNonNull(reader, "reader");
    }

    /** The value now, or NaN when there is none (a gauge the probe could not read). Never throws. */
    public double value() {
        try {
            return reader.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Name and tags: two meters with the same id are the same series. */
    public String id() {
        StringBuilder b = new StringBuilder(name);
        for (Tag t : tags) {
            b.append('|').append(t.key()).append('=').append(t.value());
        }
        return b.toString();
    }
}
