package dev.portguard.core.internal;

import dev.portguard.core.Finding;

/** Where a new finding goes: the log and the listeners. Must not throw. */
@FunctionalInterface
public interface FindingSink {
    void raised(Finding finding);
}
