package dev.portguard.core.internal.ledger;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters kept for a destination, a pool, and a (site, destination) pair. Hot counters are
 * {@link LongAdder}s; {@code opened} is an {@link AtomicLong} because detectors read it on every request to
 * decide cheaply whether anything changed (healthy traffic rarely opens).
 */
final class Counts {
    final LongAdder requests = new LongAdder();
    final AtomicLong opened = new AtomicLong();
    final LongAdder closed = new LongAdder();
    final LongAdder closedByClient = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder connectTimeouts = new LongAdder();
    final LongAdder requestCloses = new LongAdder();
    final LongAdder responseCloses = new LongAdder();
    final LongAdder notKept = new LongAdder();

    /** Zeroes every counter in place, so hooks holding this object keep counting into it. */
    void reset() {
        requests.reset();
        opened.set(0);
        closed.reset();
        closedByClient.reset();
        connectFailures.reset();
        connectTimeouts.reset();
        requestCloses.reset();
        responseCloses.reset();
        notKept.reset();
    }

    long requests() {
        return requests.sum();
    }

    long opened() {
        return opened.get();
    }

    /**
     * Requests served without opening a connection. Counted from requests rather than acquisitions: a client that
     * takes a pooled connection the server has already closed acquires twice for one request (the stale one, then
     * a new one), and that request reused nothing.
     */
    long reused() {
        return Math.max(0, requests.sum() - opened.get());
    }

    long closed() {
        return closed.sum();
    }

    long closedByClient() {
        return closedByClient.sum();
    }

    long connectFailures() {
        return connectFailures.sum();
    }

    long connectTimeouts() {
        return connectTimeouts.sum();
    }

    long requestCloses() {
        return requestCloses.sum();
    }

    long responseCloses() {
        return responseCloses.sum();
    }

    long notKept() {
        return notKept.sum();
    }

    long keepAliveRefusals() {
        return requestCloses.sum() + responseCloses.sum() + notKept.sum();
    }
}
