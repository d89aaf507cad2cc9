package dev.portguard.agent.internal.micrometer;

import dev.portguard.core.PortGuard;
import dev.portguard.core.micrometer.PortGuardMetrics;
import io.micrometer.core.instrument.Metrics;

/**
 * Binds the guard's meters to the application's {@code Metrics.globalRegistry}. Defined in a child of the class
 * loader that has the application's Micrometer, so it links against that copy; a Spring Boot application's
 * registries are members of the global one, so the meters show on {@code /actuator/prometheus}.
 */
public final class GlobalRegistryBinding {
    private GlobalRegistryBinding() {
    }

    public static void bind() {
        new PortGuardMetrics(PortGuard.global()).bindTo(Metrics.globalRegistry);
    }
}
