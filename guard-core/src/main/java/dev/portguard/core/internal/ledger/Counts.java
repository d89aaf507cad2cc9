package dev.portguard.core.internal.ledger;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters kept for a destination, a pool, and a (site, destination) pair. Hot counters are
 * {@link LongAdder}s; {@code opened} is an {@link AtomicLong} because detectors read it on every request to
 * decide cheaply whether anything changed (healthy traffic rarely opens).
 */
final class Counts implements TrafficCounts {
    final LongAdder requests = new LongAdder();
    final AtomicLong opened = new AtomicLong();
    final LongAdder closed = new LongAdder();
    final LongAdder closedByClient = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder connectTimeouts = new LongAdder();
    final LongAdder requestCloses = new LongAdder();
    final LongAdder responseCloses = new LongAdder();
    /** Connections leased to a request now (acquired minus released); kept per destination only. */
    final LongAdder inUse = new LongAdder();

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
        // inUse is not reset: the connections leased now are still leased after a reset
    }

    @Override
    public long requests() {
        return requests.sum();
    }

    @Override
    public long opened() {
        return opened.get();
    }

    /**
     * Requests served without opening a connection. Counted from requests rather than acquisitions: a client that
     * takes a pooled connection the server has already closed acquires twice for one request (the stale one, then
     * a new one), and that request reused nothing.
     */
    @Override
    public long reused() {
        return Math.max(0, requests.sum() - opened.get());
    }

    @Override
    public long closed() {
        return closed.sum();
    }

    @Override
    public long closedByClient() {
        return closedByClient.sum();
    }

    @Override
    public long connectFailures() {
        return connectFailures.sum();
    }

    @Override
    public long connectTimeouts() {
        return connectTimeouts.sum();
    }

    @Override
    public long requestCloses() {
        return requestCloses.sum();
    }

    @Override
    public long responseCloses() {
        return responseCloses.sum();
    }

    @Override
    public long keepAliveRefusals() {
        return requestCloses.sum() + responseCloses.sum();
    }

    @Override
    public long inUse() {
        return Math.max(0, inUse.sum());
    }
}
