package dev.portguard.core.internal.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/** Leases held past a quiet bound, counted by acquisition site during one look at one table. */
public final class HeldTally {
    /** How many leases a site holds, and the oldest one's age. */
    public record Held(long count, long oldestNanos) {
        static final Held NONE = new Held(0, 0);

        Held plus(long ageNanos) {
            return new Held(count + 1, Math.max(oldestNanos, ageNanos));
        }
    }

    private final Map<String, Held> bySite = new LinkedHashMap<>();
    private long total;
    private long unattributed;

    /** One lease held {@code ageNanos} since it was acquired; {@code site} null when it was not sampled. */
    public void add(String site, long ageNanos) {
        total++;
        if (site == null) {
            unattributed++;
            return;
        }
        bySite.merge(site, Held.NONE.plus(ageNanos), (a, b) -> a.plus(b.oldestNanos()));
    }

    public long total() {
        return total;
    }

    long unattributed() {
        return unattributed;
    }

    Map<String, Held> bySite() {
        return bySite;
    }

    void clear() {
        bySite.clear();
        total = 0;
        unattributed = 0;
    }
}
