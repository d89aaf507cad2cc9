package dev.portguard.core.internal.metrics;

import dev.portguard.core.metrics.GuardMeter;
import dev.portguard.core.metrics.GuardMeter.Tag;
import dev.portguard.core.metrics.GuardMeter.Type;
import dev.portguard.core.spi.Endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/** Collects meters, each with the identity tags after its own. */
final class MeterList {
    final List<GuardMeter> meters = new ArrayList<>();
    private final List<Tag> identity;

    MeterList(List<Tag> identity) {
        this.identity = identity;
    }

    void counter(String name, String description, List<Tag> tags, DoubleSupplier reader) {
        add(name, Type.COUNTER, null, description, tags, reader);
    }

    void gauge(String name, String unit, String description, List<Tag> tags, DoubleSupplier reader) {
        add(name, Type.GAUGE, unit, description, tags, reader);
    }

    private void add(String name, Type type, String unit, String description, List<Tag> tags, DoubleSupplier reader) {
        List<Tag> all = new ArrayList<>(tags.size() + identity.size());
        all.addAll(tags);
        all.addAll(identity);
        meters.add(new GuardMeter(name, type, unit, description, all, reader));
    }

    /** {@code server.address} and {@code server.port} of a {@code host:port} key; the overflow bucket's both {@code (other)}. */
    static List<Tag> server(String destination) {
        if (Endpoints.OTHER.equals(destination)) {
            return List.of(new Tag("server.address", Endpoints.OTHER), new Tag("server.port", Endpoints.OTHER));
        }
        int port = Endpoints.port(destination);
        return List.of(new Tag("server.address", Endpoints.host(destination)),
                new Tag("server.port", port < 0 ? "" : Integer.toString(port)));
    }

    /** Unknown (-1) is no sample. */
    static double known(long value) {
        return value < 0 ? Double.NaN : value;
    }
}
