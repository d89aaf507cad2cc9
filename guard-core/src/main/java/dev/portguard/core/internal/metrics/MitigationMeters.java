package dev.portguard.core.internal.metrics;

import dev.portguard.core.internal.mitigate.Mitigations;
import dev.portguard.core.metrics.GuardMeter.Tag;

import java.util.List;

/** Mitigate mode's meters: per site it acted on, whether it shares, the shared pool's size, connections saved. */
final class MitigationMeters {
    private final Mitigations mitigations;

    MitigationMeters(Mitigations mitigations) {
        this.mitigations = mitigations;
    }

    void addTo(MeterList out) {
        for (Mitigations.Site s : mitigations.sites()) {
            List<Tag> tags = List.of(new Tag("portguard.site", s.site()), new Tag("portguard.client.kind", s.client()));
            boolean mitigated = s.mitigated();
            out.gauge("portguard.site.mitigated", null, "1 when mitigate mode serves the site's clients from a shared"
                    + " pool, 0 when it left them as the code built them", tags, () -> mitigated ? 1 : 0);
            if (mitigated) {
                int size = s.sharedPoolSize();
                out.gauge("portguard.site.shared.pool.size", null, "Connections the site's shared pool keeps (-1: the"
                        + " client's own limit)", tags, () -> size);
                out.counter("portguard.site.connections.saved", "Connections the site did not open because its"
                        + " clients share a pool", tags, () -> s.connectionsSaved().getAsLong());
            }
        }
    }
}
