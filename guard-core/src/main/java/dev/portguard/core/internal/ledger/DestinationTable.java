package dev.portguard.core.internal.ledger;

import dev.portguard.core.spi.Endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A bounded map from (host, port) to a value, made for the hot path: a lookup of a known destination takes the
 * host string the client already has and an int, so it allocates nothing and takes no lock. Inserts are rare and
 * synchronized. Past its own cap, or when the budget shared with the other tables of its kind is spent, every new
 * destination shares one overflow value, reached without the lock.
 */
final class DestinationTable<T> {
    private final ConcurrentHashMap<String, Ports<T>> byHost = new ConcurrentHashMap<>();
    private final List<T> values = new ArrayList<>();
    // Different spellings of one destination (LocalHost, [::1]) share one value.
    private final java.util.Map<String, T> byKey = new java.util.HashMap<>();
    private final Function<String, T> factory;
    private final int cap;
    private final RouteBudget budget;
    /** The budget this table holds, to give back when its owner is gone. */
    private final AtomicInteger held;
    private volatile T overflow;
    private volatile boolean full;

    DestinationTable(int cap, RouteBudget budget, AtomicInteger held, Function<String, T> factory) {
        this.cap = cap;
        this.budget = budget;
        this.held = held;
        this.factory = factory;
    }

    T get(String host, int port) {
        Ports<T> ports = byHost.get(host == null ? "" : host);
        if (ports != null) {
            T value = ports.find(port);
            if (value != null) {
                return value;
            }
        }
        // Once full, unseen destinations go to the overflow bucket without taking the lock or growing the index.
        T bucket = overflow;
        if (bucket != null && (full || budget.exhausted())) {
            return bucket;
        }
        return insert(host == null ? "" : host, port);
    }

    private synchronized T insert(String host, int port) {
        Ports<T> ports = byHost.get(host);
        if (ports != null) {
            T value = ports.find(port);
            if (value != null) {
                return value;
            }
        }
        String key = Endpoints.key(host, port);
        if (Endpoints.OTHER.equals(key)) {
            return overflow();
        }
        T value = byKey.get(key);
        if (value != null) {
            byHost.computeIfAbsent(host, h -> new Ports<>()).add(port, value);
            return value;
        }
        if (byKey.size() >= cap) {
            full = true;
            return overflow();
        }
        if (!budget.tryTake()) {
            return overflow();
        }
        held.incrementAndGet();
        value = factory.apply(key);
        values.add(value);
        byKey.put(key, value);
        byHost.computeIfAbsent(host, h -> new Ports<>()).add(port, value);
        return value;
    }

    // Under the lock.
    private T overflow() {
        T bucket = overflow;
        if (bucket == null) {
            bucket = factory.apply(Endpoints.OTHER);
            values.add(bucket);
            overflow = bucket;
        }
        return bucket;
    }

    /** Every distinct value, the overflow bucket among them if there is one. */
    synchronized List<T> values() {
        return new ArrayList<>(values);
    }

    /** Ports of one host; copy-on-write arrays read without a lock. */
    private static final class Ports<T> {
        private volatile int[] ports = new int[0];
        private volatile Object[] values = new Object[0];

        @SuppressWarnings("unchecked")
        T find(int port) {
            Object[] v = values;
            int[] p = ports;
            int n = Math.min(p.length, v.length);
            for (int i = 0; i < n; i++) {
                if (p[i] == port) {
                    return (T) v[i];
                }
            }
            return null;
        }

        // Called under the table's lock. Values are published before ports so a reader never sees a port without
        // its value.
        void add(int port, T value) {
            int n = ports.length;
            Object[] v = java.util.Arrays.copyOf(values, n + 1);
            v[n] = value;
            int[] p = java.util.Arrays.copyOf(ports, n + 1);
            p[n] = port;
            values = v;
            ports = p;
        }
    }
}
