package dev.portguard.junit.internal;

import dev.portguard.core.GuardSnapshot;

/** A guard whose counts a test reads: the application's own, or the agent's. */
interface GuardView {
    void reset();

    GuardSnapshot snapshot();

    /** Reports every connection still held now (the test is over: nothing it started should hold one). */
    void findLeaksNow();
}
