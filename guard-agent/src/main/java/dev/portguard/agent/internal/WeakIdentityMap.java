package dev.portguard.agent.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * State the agent keeps beside a library object (a connection manager, a connection) without keeping the object
 * alive and without locks on lookups: keys are held weakly and compared by identity, so a library class's own
 * {@code equals} is never called. Entries of collected keys are dropped on the next write.
 */
public final class WeakIdentityMap<K, V> {
    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    public V get(K key) {
        return key == null ? null : map.get(new Lookup(key));
    }

    public V computeIfAbsent(K key, Function<? super K, ? extends V> create) {
        V existing = get(key);
        if (existing != null) {
            return existing;
        }
        expunge();
        return map.computeIfAbsent(new Ref(key, collected), ignored -> create.apply(key));
    }

    public void put(K key, V value) {
        expunge();
        map.put(new Ref(key, collected), value);
    }

    public V remove(K key) {
        return key == null ? null : map.remove(new Lookup(key));
    }

    public int size() {
        expunge();
        return map.size();
    }

    private void expunge() {
        Object ref;
        while ((ref = collected.poll()) != null) {
            map.remove(ref);
        }
    }

    private static Object referent(Object key) {
        return key instanceof Ref r ? r.get() : ((Lookup) key).key;
    }

    private static boolean sameKey(Object self, Object other) {
        if (self == other) {
            return true;
        }
        if (!(other instanceof Ref) && !(other instanceof Lookup)) {
            return false;
        }
        Object a = referent(self);
        return a != null && a == referent(other);
    }

    private static final class Ref extends WeakReference<Object> {
        private final int hash;

        Ref(Object key, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object o) {
            return sameKey(this, o);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A short-lived key for lookups, so reads need no reference object. */
    private static final class Lookup {
        private final Object key;
        private final int hash;

        Lookup(Object key) {
            this.key = key;
            this.hash = System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object o) {
            return sameKey(this, o);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
