package dev.portguard.core.internal.publish;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one record of raised findings, pool misuse and port headroom alike: each type once per subject, listed in the
 * order raised (pool findings before port findings, as reports have always shown them).
 */
final class FindingBook {
    private final Set<Key> keys = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<RaisedFinding> pool = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RaisedFinding> port = new ConcurrentLinkedQueue<>();

    /** True for the one caller that books {@code finding} first. */
    boolean add(RaisedFinding finding) {
        if (!keys.add(new Key(finding.type(), finding.subject()))) {
            return false;
        }
        (finding.poolMisuse() ? pool : port).add(finding);
        return true;
    }

    /**
     * Forgets pool misuse (counts start again from zero after a reset); port findings describe the host, which a
     * reset does not change, so they stay.
     */
    void forgetPoolMisuse() {
        for (RaisedFinding f : pool) {
            keys.remove(new Key(f.type(), f.subject()));
        }
        pool.clear();
    }

    List<Finding> current() {
        List<Finding> list = new ArrayList<>();
        for (RaisedFinding f : pool) {
            list.add(f.current());
        }
        for (RaisedFinding f : port) {
            list.add(f.current());
        }
        return list;
    }

    /** Subjects compare by identity: two routes or destinations are never equal unless they are one. */
    private record Key(FindingType type, Object subject) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.type == type && k.subject == subject;
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + System.identityHashCode(subject);
        }
    }
}
