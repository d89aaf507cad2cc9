package dev.portguard.core.internal.ledger;

import dev.portguard.core.internal.detect.AcquisitionSiteView;
import dev.portguard.core.internal.detect.HeldTally;
import dev.portguard.core.internal.detect.LeaseView;
import dev.portguard.core.spi.CallSites;
import dev.portguard.core.spi.ClientKind;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The connections one site's clients hold toward one destination: a fixed open-addressing table keyed by the
 * lease's identity hash (the object itself is never kept, so a leaked response can still be collected), with when
 * each was taken, when it last read, and for a sample the code site that took it. Fixed size: a full table counts
 * further leases as untracked instead of growing. Lock-free and allocation-free except for a sampled stack walk.
 */
final class LeaseTable implements LeaseView {
    /** Slots looked at for a key: past this the table counts as full for it. */
    private static final int PROBES = 16;
    /** Acquisitions after a reset (or the table's creation) that always record their site: tests leak only a few. */
    private static final int FIRST_SAMPLED = 8;
    /** Acquisitions that record their site after a leak was seen that no sampled site explains. */
    private static final int ON_REQUEST = 16;
    /** Acquisition sites kept apart per table; more share one record. */
    private static final int MAX_SITES = 32;

    private final SiteRoute route;
    private final int mask;
    private final int sampleEvery;
    private final AtomicIntegerArray keys;
    private final AtomicLongArray acquiredAt;
    private final AtomicLongArray progressAt;
    private final AtomicReferenceArray<AcquisitionSite> sites;
    /** Acquisitions since the last reset, for sampling only: a plain field, racing increments may lose a few. */
    private int acquisitions;
    private final AtomicInteger sitesWanted = new AtomicInteger();
    private final AtomicLong untracked = new AtomicLong();
    private final ConcurrentHashMap<String, AcquisitionSite> bySite = new ConcurrentHashMap<>();

    LeaseTable(SiteRoute route, int tracked, int sampleEvery) {
        this.route = route;
        int size = Integer.highestOneBit(Math.max(PROBES, tracked - 1) << 1); // a power of two, at least tracked
        this.mask = size - 1;
        this.sampleEvery = Math.max(1, sampleEvery);
        this.keys = new AtomicIntegerArray(size);
        this.acquiredAt = new AtomicLongArray(size);
        this.progressAt = new AtomicLongArray(size);
        this.sites = new AtomicReferenceArray<>(size);
    }

    void acquired(Object lease) {
        int key = key(lease);
        int start = spread(key);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & mask;
            if (keys.get(slot) == 0 && keys.compareAndSet(slot, 0, key)) {
                // Ordered stores, no fences (lazySet): the watch reads a moment late at worst, never out of order.
                long now = System.nanoTime();
                progressAt.lazySet(slot, now);
                sites.lazySet(slot, sampled() ? siteHere() : null);
                acquiredAt.lazySet(slot, now); // last: a look sees the slot only once its times are this lease's
                return;
            }
        }
        untracked.incrementAndGet();
    }

    void released(Object lease) {
        int slot = find(key(lease));
        if (slot >= 0) {
            acquiredAt.lazySet(slot, 0);
            sites.lazySet(slot, null);
            keys.lazySet(slot, 0); // last: the slot is free only once it holds nothing of this lease
        }
    }

    void progressed(Object lease) {
        int slot = find(key(lease));
        if (slot >= 0) {
            progressAt.lazySet(slot, System.nanoTime());
        }
    }

    /** Forgets every lease (a test's counts start afresh) and samples the next acquisitions again. */
    void reset() {
        for (int i = 0; i <= mask; i++) {
            acquiredAt.set(i, 0);
            sites.set(i, null);
            keys.set(i, 0);
        }
        acquisitions = 0;
        untracked.set(0);
        for (AcquisitionSite s : bySite.values()) {
            s.acquisitions.set(0);
        }
    }

    /** Leases held now whose acquisition time is known, for counts. */
    long untracked() {
        return untracked.get();
    }

    private int find(int key) {
        int start = spread(key);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & mask;
            if (keys.get(slot) == key) {
                return slot;
            }
        }
        return -1;
    }

    /** The first few, one in {@code leak.sample}, and a few more when a detector asked: the rest walk no stack. */
    private boolean sampled() {
        int n = acquisitions++;
        if ((n >= 0 && n < FIRST_SAMPLED) || Math.floorMod(n, sampleEvery) == 0) {
            return true;
        }
        return sitesWanted.get() > 0 && sitesWanted.getAndDecrement() > 0;
    }

    private AcquisitionSite siteHere() {
        String site = CallSites.capture();
        AcquisitionSite known = bySite.get(site);
        if (known == null) {
            if (bySite.size() >= MAX_SITES) {
                site = dev.portguard.core.spi.Endpoints.OTHER;
            }
            known = bySite.computeIfAbsent(site, s -> new AcquisitionSite(this, s));
        }
        known.acquisitions.incrementAndGet();
        return known;
    }

    private static int key(Object lease) {
        int h = System.identityHashCode(lease);
        return h == 0 ? 1 : h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public String destination() {
        return route.destination();
    }

    @Override
    public String clientSite() {
        return route.site();
    }

    @Override
    public ClientKind kind() {
        return route.kind();
    }

    @Override
    public void heldQuiet(long nowNanos, long quietNanos, HeldTally tally) {
        for (int i = 0; i <= mask; i++) {
            if (keys.get(i) == 0) {
                continue;
            }
            long acquired = acquiredAt.get(i);
            if (acquired == 0 || nowNanos - progressAt.get(i) < quietNanos) {
                continue;
            }
            AcquisitionSite site = sites.get(i);
            tally.add(site == null ? null : site.site, nowNanos - acquired);
        }
    }

    /** One site's leases held quiet, for its finding's evidence. */
    HeldTally.Held heldQuiet(AcquisitionSite site, long nowNanos, long quietNanos) {
        long count = 0;
        long oldest = 0;
        for (int i = 0; i <= mask; i++) {
            if (keys.get(i) == 0 || (site.unattributed ? sites.get(i) != null : sites.get(i) != site)) {
                continue;
            }
            long acquired = acquiredAt.get(i);
            if (acquired == 0 || nowNanos - progressAt.get(i) < quietNanos) {
                continue;
            }
            count++;
            oldest = Math.max(oldest, nowNanos - acquired);
        }
        return new HeldTally.Held(count, oldest);
    }

    @Override
    public AcquisitionSiteView acquisitionSite(String site) {
        if (site == null) {
            return bySite.computeIfAbsent("\0unattributed", s -> new AcquisitionSite(this, null));
        }
        AcquisitionSite known = bySite.get(site);
        return known != null ? known : bySite.computeIfAbsent(site, s -> new AcquisitionSite(this, s));
    }

    @Override
    public void recordNextSites() {
        sitesWanted.set(ON_REQUEST);
    }

    /** A code site that took connections here: the subject its finding is raised about, once. */
    static final class AcquisitionSite implements AcquisitionSiteView {
        private final LeaseTable table;
        final String site;
        final boolean unattributed;
        final AtomicLong acquisitions = new AtomicLong();

        AcquisitionSite(LeaseTable table, String site) {
            this.table = table;
            this.site = site;
            this.unattributed = site == null;
        }

        @Override
        public String site() {
            return unattributed ? CallSites.UNKNOWN : site;
        }

        @Override
        public long acquisitions() {
            return acquisitions.get();
        }

        @Override
        public HeldTally.Held heldQuiet(long nowNanos, long quietNanos) {
            return table.heldQuiet(this, nowNanos, quietNanos);
        }
    }
}
