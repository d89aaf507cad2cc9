package dev.portguard.core.internal.ledger;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many route records the tables of one kind may hold together ({@code max.routes}). Each table has its own cap
 * by destinations, but tables multiply: 600 clients calling 200 destinations each would be 120,000 records. Past
 * the budget a table answers with its overflow bucket, as it does past its own cap. Lock-free.
 */
final class RouteBudget {
    private final int max;
    private final AtomicInteger used = new AtomicInteger();

    RouteBudget(int max) {
        this.max = max;
    }

    /** Takes one record's room; false when none is left. */
    boolean tryTake() {
        int n;
        do {
            n = used.get();
            if (n >= max) {
                return false;
            }
        } while (!used.compareAndSet(n, n + 1));
        return true;
    }

    /** A volatile read: lets a lookup of an unseen destination go to the overflow bucket without a lock. */
    boolean exhausted() {
        return used.get() >= max;
    }

    /** Gives back the room of records that are gone (those of a collected pool). */
    void release(int records) {
        if (records > 0) {
            used.addAndGet(-records);
        }
    }

    int used() {
        return used.get();
    }
}
