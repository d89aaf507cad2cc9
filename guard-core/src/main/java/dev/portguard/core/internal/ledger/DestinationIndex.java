package dev.portguard.core.internal.ledger;

import dev.portguard.core.internal.headroom.DestinationDirectory;
import dev.portguard.core.spi.Endpoints;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every destination's totals, at most {@code max.destinations} of them and then the overflow bucket. The headroom
 * stage reads it as a {@link DestinationDirectory}; metrics binders are told of each new name.
 */
public final class DestinationIndex implements DestinationDirectory {
    private final int max;
    private final ConcurrentHashMap<String, DestinationStats> destinations = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public DestinationIndex(int maxDestinations) {
        this.max = maxDestinations;
    }

    @Override
    public Collection<DestinationStats> destinations() {
        return destinations.values();
    }

    DestinationStats get(String key) {
        return destinations.get(key);
    }

    Iterable<java.util.Map.Entry<String, DestinationStats>> entries() {
        return destinations.entrySet();
    }

    /** The destination of {@code key}, counted from now on (or the overflow bucket past the cap). */
    DestinationStats stats(String key) {
        DestinationStats existing = destinations.get(key);
        if (existing != null) {
            return existing;
        }
        String k = destinations.size() >= max ? Endpoints.OTHER : key;
        boolean[] created = {false};
        DestinationStats stats = destinations.computeIfAbsent(k, name -> {
            created[0] = true;
            return new DestinationStats(name);
        });
        if (created[0]) {
            for (Consumer<String> listener : listeners) {
                try {
                    listener.accept(k);
                } catch (RuntimeException | LinkageError e) {
                    // a metrics binder's trouble must not reach the request that found the destination
                }
            }
        }
        return stats;
    }

    /** Told of each destination when it is first counted (at most {@code max.destinations} + 1 times). */
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }
}
