package dev.portguard.junit.internal;

import dev.portguard.core.FindingType;
import dev.portguard.junit.PoolExpectations;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The limits one test runs under: the extension's settings, overridden by the nearest annotation. */
public final class Expectations {
    final Set<FindingType> allowed;
    final double maxConnectionsPerRequest;

    private Expectations(Set<FindingType> allowed, double maxConnectionsPerRequest) {
        this.allowed = allowed;
        this.maxConnectionsPerRequest = maxConnectionsPerRequest;
    }

    public static Expectations of(Set<FindingType> allowed, double maxConnectionsPerRequest,
                                  Optional<PoolExpectations> annotation) {
        if (annotation.isEmpty()) {
            return new Expectations(allowed, maxConnectionsPerRequest);
        }
        PoolExpectations a = annotation.get();
        EnumSet<FindingType> merged = EnumSet.noneOf(FindingType.class);
        merged.addAll(allowed);
        merged.addAll(List.of(a.allow()));
        double max = a.maxConnectionsPerRequest() >= 0 ? a.maxConnectionsPerRequest() : maxConnectionsPerRequest;
        return new Expectations(merged, max);
    }
}
