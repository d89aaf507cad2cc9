package dev.portguard.core.internal.ledger;

import dev.portguard.core.spi.Endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded map from (host, port) to a value, made for the hot path: a lookup of a known destination takes the
 * host string the client already has and an int, so it allocates nothing and takes no lock. Inserts are rare and
 * synchronized; past the cap every new destination shares one overflow value.
 */
final class DestinationTable<T> {
    private final ConcurrentHashMap<String, Ports<T>> byHost = new ConcurrentHashMap<>();
    private final List<T> values = new ArrayList<>();
    // Different spellings of one destination (LocalHost, [::1]) share one value.
    private final java.util.Map<String, T> byKey = new java.util.HashMap<>();
    private final Function<String, T> factory;
    private final int cap;
    private volatile T overflow;

    DestinationTable(int cap, Function<String, T> factory) {
        this.cap = cap;
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
        T full = overflow;
        return full != null ? full : insert(host == null ? "" : host, port);
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
        T value = byKey.get(key);
        if (value != null) {
            byHost.computeIfAbsent(host, h -> new Ports<>()).add(port, value);
            return value;
        }
        if (values.size() < cap) {
            value = factory.apply(key);
            values.add(value);
            byKey.put(key, value);
        } else {
            if (overflow == null) {
                T bucket = factory.apply(Endpoints.OTHER);
                values.add(bucket);
                overflow = bucket;
            }
            return overflow;
        }
        byHost.computeIfAbsent(host, h -> new Ports<>()).add(port, value);
        return value;
    }

    /** Every distinct value, the overflow bucket last if there is one. */
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
